using System.Collections.Concurrent;
using System.Net;
using WeChatPay.Chain.AspNetCore.Tests.Support;

namespace WeChatPay.Chain.AspNetCore.Tests.Docs;

/// <summary>Runs the docs sample on Kestrel: a repeated notification is recorded once, a failing ledger answers 500.</summary>
public class DocsSampleTests
{
    private sealed class InMemoryLedger : IPaymentLedger
    {
        public ConcurrentDictionary<string, (string OutTradeNo, string TradeState)> Records { get; } = new();

        public bool Unavailable { get; set; }

        public Task<bool> HasHandledAsync(string notificationId, CancellationToken cancellationToken)
            => Task.FromResult(Records.ContainsKey(notificationId));

        public Task RecordAsync(string notificationId, string outTradeNo, string tradeState, CancellationToken cancellationToken)
        {
            if (Unavailable) throw new InvalidOperationException("the ledger database is down");
            Records.TryAdd(notificationId, (outTradeNo, tradeState));
            return Task.CompletedTask;
        }
    }

    [Test]
    public async Task A_notification_delivered_twice_is_recorded_once_and_acknowledged_both_times()
    {
        using var client = TestPlatform.Client();
        var ledger = new InMemoryLedger();
        await using var host = await NotificationHost.StartAsync(app => app.MapWeChatPayCallbacks(client, ledger));

        using (var first = await host.PostAsync("wechatpay/notify", PostedNotification.Create()))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using (var again = await host.PostAsync("wechatpay/notify", PostedNotification.Create()))
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.That(ledger.Records, Has.Count.EqualTo(1));
        Assert.That(ledger.Records[PostedNotification.Id], Is.EqualTo(("NO1", "SUCCESS")));
    }

    [Test]
    public async Task A_ledger_that_cannot_record_makes_WeChat_Pay_try_again()
    {
        using var client = TestPlatform.Client();
        var ledger = new InMemoryLedger { Unavailable = true };
        await using var host = await NotificationHost.StartAsync(app => app.MapWeChatPayCallbacks(client, ledger));

        using (var response = await host.PostAsync("wechatpay/notify", PostedNotification.Create()))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));

        ledger.Unavailable = false;
        using (var retry = await host.PostAsync("wechatpay/notify", PostedNotification.Create()))
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(ledger.Records.Keys, Is.EqualTo(new[] { PostedNotification.Id }));
    }
}
