using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class DefaultNotifyUrlTests : SimulatorTest
{
    private NotificationReceiver _receiver = null!;

    protected override void Configure(SimulatorSettings settings)
    {
        _receiver = NotificationReceiver.StartAsync().GetAwaiter().GetResult();
        settings.NotifyUrl = _receiver.Url;
        settings.SignNotificationsWithPublicKeyId = true;
    }

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task Orders_without_notify_url_notify_the_server_wide_url()
    {
        var outOrderNo = await CreateOrderAsync();

        await Server.AcceptOrderAsync(outOrderNo);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Server.WaitForNotificationsAsync(timeout.Token);

        Assert.That(_receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Notifications_can_be_signed_under_the_public_key_id()
    {
        var outOrderNo = await CreateOrderAsync();

        await Server.AcceptOrderAsync(outOrderNo);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Server.WaitForNotificationsAsync(timeout.Token);

        var notification = _receiver.Received.Single();
        Assert.That(notification.Header(WeChatPayHeaders.Serial), Is.EqualTo(Server.Profile.PublicKeyId));
        Assert.That(() => Verifier().Verify(notification.Header(WeChatPayHeaders.Timestamp), notification.Header(WeChatPayHeaders.Nonce),
            notification.Header(WeChatPayHeaders.Signature), notification.Header(WeChatPayHeaders.Serial), notification.Body), Throws.Nothing);
    }

    [Test]
    public async Task An_order_notify_url_wins_over_the_server_wide_url()
    {
        await using var own = await NotificationReceiver.StartAsync();
        var outOrderNo = await CreateOrderAsync(body => body["notify_url"] = own.Url.ToString());

        await Server.AcceptOrderAsync(outOrderNo);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Server.WaitForNotificationsAsync(timeout.Token);

        Assert.That(own.Received, Has.Count.EqualTo(1));
        Assert.That(_receiver.Received, Is.Empty);
    }
}
