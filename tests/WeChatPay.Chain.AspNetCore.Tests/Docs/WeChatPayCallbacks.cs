// The sample of docs/notifications.md, verbatim but for the namespace: if it stops compiling or working, so does the doc.
using Microsoft.AspNetCore.Routing;
using WeChatPay.Chain;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.AspNetCore.Tests.Docs;

public static class WeChatPayCallbacks
{
    /// <summary>POST /wechatpay/notify: verified, decrypted payment results go to the ledger, once each.</summary>
    public static void MapWeChatPayCallbacks(this IEndpointRouteBuilder app, WeChatPayClient wechatpay, IPaymentLedger ledger)
    {
        app.MapWeChatPayNotifications("/wechatpay/notify", wechatpay, async (notification, http, cancellationToken) =>
        {
            // WeChat Pay sends a notification again until it sees a 2xx, so the same id can arrive more than once.
            if (await ledger.HasHandledAsync(notification.Id, cancellationToken)) return;

            var payment = notification.Resource;                   // the decrypted resource, as JSON
            await ledger.RecordAsync(notification.Id, (string)payment["out_trade_no"]!, (string)payment["trade_state"]!, cancellationToken);
            // An exception here answers 500 {"code":"FAIL"}: WeChat Pay will try again later.
        });
    }
}

/// <summary>Where the merchant keeps what it has handled.</summary>
public interface IPaymentLedger
{
    /// <summary>Whether a notification with this id has been recorded.</summary>
    Task<bool> HasHandledAsync(string notificationId, CancellationToken cancellationToken);

    /// <summary>Records the payment and the notification id together (one transaction, the id under a unique index).</summary>
    Task RecordAsync(string notificationId, string outTradeNo, string tradeState, CancellationToken cancellationToken);
}
