using System.Text;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.AspNetCore.Tests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>What reaches the log: enough to diagnose, never the body, the resource, a signature or a key.</summary>
public class NotificationEndpointLoggingTests
{
    private static async Task<CapturedLogs> Post(Func<Notification, Task> handle, params PostedNotification[] notifications)
    {
        var logs = new CapturedLogs();
        await using var host = await NotificationHost.StartAsync(
            app => app.MapWeChatPayNotifications("/notify", TestPlatform.Reader(), (n, _, _) => handle(n)), logs);
        foreach (var notification in notifications)
            using (await host.PostAsync("notify", notification)) { }
        return logs;
    }

    private static IReadOnlyList<CapturedLogs.LogLine> EndpointLines(CapturedLogs logs) => logs.From("WeChatPay.Chain.AspNetCore");

    [Test]
    public async Task A_handled_notification_is_logged_by_id_and_event_type()
    {
        var logs = await Post(_ => Task.CompletedTask, PostedNotification.Create());
        var line = EndpointLines(logs).Single();
        Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(line.Text, Does.Contain(PostedNotification.Id).And.Contain(PostedNotification.EventType).And.Contain("204"));
    }

    [Test]
    public async Task Rejections_are_logged_as_warnings_with_the_reason()
    {
        var logs = await Post(_ => Task.CompletedTask, PostedNotification.Create(timestamp: 1));
        var line = EndpointLines(logs).Single();
        Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(line.Text, Does.Contain("401").And.Contain("Wechatpay-Timestamp"));
    }

    [Test]
    public async Task A_failing_handler_is_logged_as_an_error_with_its_exception()
    {
        var logs = await Post(_ => throw new InvalidOperationException("ledger unavailable"), PostedNotification.Create());
        var line = EndpointLines(logs).Single();
        Assert.That(line.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(line.Text, Does.Contain("ledger unavailable").And.Contain(PostedNotification.Id));
    }

    [Test]
    public async Task No_log_line_holds_the_body_resource_signature_or_apiv3_key()
    {
        var valid = PostedNotification.Create();
        var tampered = PostedNotification.Create();
        tampered.Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(tampered.Body).Replace("transaction", "transactioN", StringComparison.Ordinal));
        var wrongKey = PostedNotification.Create(apiV3Key: TestPlatform.OtherApiV3Key);
        var logs = await Post(_ => Task.CompletedTask, valid, tampered, wrongKey);

        var all = logs.All;
        Assert.That(EndpointLines(logs).Count(), Is.EqualTo(3), all);
        foreach (var secret in new[] { TestPlatform.ApiV3Key, TestPlatform.OtherApiV3Key, valid.Signature, tampered.Signature, valid.Ciphertext, wrongKey.Ciphertext, "out_trade_no", "支付成功" })
            Assert.That(all, Does.Not.Contain(secret));
    }
}
