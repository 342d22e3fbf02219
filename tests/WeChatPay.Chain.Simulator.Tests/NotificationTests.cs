using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class NotificationTests : SimulatorTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private async Task<string> CreateOrderNotifyingAsync(NotificationReceiver receiver)
        => await CreateOrderAsync(body => body["notify_url"] = receiver.Url.ToString());

    private async Task WaitForNotificationsAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        await Server.WaitForNotificationsAsync(timeout.Token);
    }

    private void VerifySignature(ReceivedNotification notification)
        => Verifier().Verify(notification.Header(WeChatPayHeaders.Timestamp), notification.Header(WeChatPayHeaders.Nonce),
            notification.Header(WeChatPayHeaders.Signature), notification.Header(WeChatPayHeaders.Serial), notification.Body);

    private JsonObject DecryptResource(JsonNode envelope)
    {
        var resource = envelope["resource"]!;
        var plain = new AeadAesGcm(Server.Profile.ApiV3Key).Decrypt(resource["nonce"]!.GetValue<string>(), resource["associated_data"]!.GetValue<string>(), resource["ciphertext"]!.GetValue<string>());
        return (JsonObject)JsonNode.Parse(plain)!;
    }

    [Test]
    public async Task Accepting_sends_a_signed_user_confirm_notification_to_the_order_notify_url()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var notification = receiver.Received.Single();
        var envelope = JsonNode.Parse(notification.Body)!;
        Assert.Multiple(() =>
        {
            Assert.That(notification.Method, Is.EqualTo("POST"));
            Assert.That(notification.Path, Is.EqualTo("/notify"));
            Assert.That(notification.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(notification.Header(WeChatPayHeaders.Serial), Is.EqualTo(Server.Profile.PlatformCertificateSerial));
            Assert.That(() => VerifySignature(notification), Throws.Nothing);
            Assert.That(envelope["event_type"]!.GetValue<string>(), Is.EqualTo("PAYSCORE.USER_CONFIRM"));
            Assert.That(envelope["resource_type"]!.GetValue<string>(), Is.EqualTo("encrypt-resource"));
            Assert.That(envelope["summary"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(envelope["id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(envelope["create_time"]!.GetValue<string>(), Does.EndWith("+08:00"));
            Assert.That(envelope["resource"]!["algorithm"]!.GetValue<string>(), Is.EqualTo("AEAD_AES_256_GCM"));
            Assert.That(envelope["resource"]!["original_type"]!.GetValue<string>(), Is.EqualTo("payscore"));
        });
    }

    [Test]
    public async Task The_notification_resource_decrypts_to_the_order()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);

        var accepted = await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var order = DecryptResource(JsonNode.Parse(receiver.Received.Single().Body)!);
        Assert.Multiple(() =>
        {
            Assert.That(order["out_order_no"]!.GetValue<string>(), Is.EqualTo(outOrderNo));
            Assert.That(order["state"]!.GetValue<string>(), Is.EqualTo("USER_ACCEPTED"));
            Assert.That(order["mchid"]!.GetValue<string>(), Is.EqualTo(Server.Profile.MchId));
            Assert.That(order["finish_ticket"]!.GetValue<string>(), Is.EqualTo(accepted.FinishTicket));
        });
    }

    [Test]
    public async Task Paying_sends_a_user_paid_notification()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);
        var accepted = await Server.AcceptOrderAsync(outOrderNo);
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(accepted.FinishTicket!));

        await Server.PayOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var paid = receiver.Received.Select(n => JsonNode.Parse(n.Body)!).Single(e => e["event_type"]!.GetValue<string>() == "PAYSCORE.USER_PAID");
        Assert.That(DecryptResource(paid)["state"]!.GetValue<string>(), Is.EqualTo("USER_PAID"));
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_failing_receiver_gets_retries_until_it_answers_2xx()
    {
        await using var receiver = await NotificationReceiver.StartAsync(failures: 2);
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var attempts = Server.NotificationAttempts;
        var ids = receiver.Received.Select(n => JsonNode.Parse(n.Body)!["id"]!.GetValue<string>()).Distinct();
        Assert.Multiple(() =>
        {
            Assert.That(receiver.Received, Has.Count.EqualTo(3));
            Assert.That(attempts.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 500, 500, 204 }));
            Assert.That(attempts.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(attempts.Select(a => a.Succeeded), Is.EqualTo(new[] { false, false, true }));
            Assert.That(attempts.Last().IsFinal, Is.True);
            Assert.That(ids.Count(), Is.EqualTo(1), "a retry is the same notification");
            Assert.That(receiver.Received.Select(n => n.Header(WeChatPayHeaders.Nonce)).Distinct().Count(), Is.EqualTo(3), "each try is signed afresh");
        });
        foreach (var notification in receiver.Received) VerifySignature(notification);
    }

    [Test]
    public async Task Retries_stop_when_the_schedule_is_used_up()
    {
        await using var receiver = await NotificationReceiver.StartAsync(failures: 100);
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var attempts = Server.NotificationAttempts;
        Assert.That(attempts, Has.Count.EqualTo(4), "one try and three retries");
        Assert.That(attempts.Last().IsFinal, Is.True);
        Assert.That(attempts.Any(a => a.Succeeded), Is.False);
        Assert.That(receiver.Received, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task An_unreachable_receiver_is_retried_and_reported_without_a_status()
    {
        Uri closed;
        await using (var receiver = await NotificationReceiver.StartAsync()) closed = receiver.Url;
        var outOrderNo = await CreateOrderAsync(body => body["notify_url"] = closed.ToString());

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        var attempts = Server.NotificationAttempts;
        Assert.That(attempts, Has.Count.EqualTo(4));
        Assert.That(attempts.Select(a => a.StatusCode), Is.All.Null);
        Assert.That(attempts.Select(a => a.Error), Is.All.Not.Null);
    }

    [Test]
    public async Task The_attempt_event_reports_each_try()
    {
        await using var receiver = await NotificationReceiver.StartAsync(failures: 1);
        var seen = new List<NotificationAttempt>();
        Server.NotificationAttempted += (_, attempt) => { lock (seen) seen.Add(attempt); };
        var outOrderNo = await CreateOrderNotifyingAsync(receiver);

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        lock (seen) Assert.That(seen.Select(a => a.Attempt), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task An_order_without_notify_url_sends_nothing_when_no_default_is_set()
    {
        var outOrderNo = await CreateOrderAsync();

        await Server.AcceptOrderAsync(outOrderNo);
        await WaitForNotificationsAsync();

        Assert.That(Server.NotificationAttempts, Is.Empty);
    }

    [Test]
    public async Task Disposing_the_server_stops_pending_retries()
    {
        await StopSimulatorAsync();
        await using var receiver = await NotificationReceiver.StartAsync(failures: 100);
        var server = await SimulatorServer.StartAsync(new SimulatorSettings
        {
            ProfileDirectory = SharedProfile.Directory,
            NotifyUrl = receiver.Url,
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300)],
        });
        using (var merchant = new MerchantRequests(server))
        {
            var outOrderNo = SmartRetail.NewOutOrderNo();
            await merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(outOrderNo));
            await server.AcceptOrderAsync(outOrderNo);
        }
        var deadline = DateTime.UtcNow + Patience;
        while (receiver.Received.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);

        await server.DisposeAsync();
        var afterStop = receiver.Received.Count;
        await Task.Delay(1000);

        Assert.That(afterStop, Is.EqualTo(1));
        Assert.That(receiver.Received, Has.Count.EqualTo(afterStop));
    }
}
