using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Transactions;

/// <summary>One JSAPI order: the request it was placed with, its prepay id, and whether the user has paid. Guarded by its store's lock.</summary>
internal sealed class JsapiTransaction(JsapiOrderRequest request, string prepayId, DateTimeOffset createdAt)
{
    public const string NotPay = "NOTPAY";
    public const string Success = "SUCCESS";

    /// <summary>How long a prepay id can be paid with, as WeChat Pay documents.</summary>
    public static readonly TimeSpan PrepayLifetime = TimeSpan.FromHours(2);

    public JsapiOrderRequest Request { get; } = request;

    public string PrepayId { get; } = prepayId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string? TransactionId { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public string TradeState => TransactionId is null ? NotPay : Success;

    public JsapiTransactionView ToView() => new(Request.OutTradeNo, PrepayId, Request.AppId, Request.Total, TradeState, TransactionId);

    /// <summary>The order as <c>GET /v3/pay/transactions/out-trade-no/{out_trade_no}</c> answers it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["appid"] = Request.AppId,
            ["mchid"] = Request.MchId,
            ["out_trade_no"] = Request.OutTradeNo,
            ["trade_type"] = "JSAPI",
            ["trade_state"] = TradeState,
            ["trade_state_desc"] = TransactionId is null ? "订单未支付" : "支付成功",
            ["amount"] = new JsonObject { ["total"] = Request.Total, ["currency"] = "CNY" },
            ["payer"] = new JsonObject { ["openid"] = Request.OpenId },
        };
        if (TransactionId is not null)
        {
            json["transaction_id"] = TransactionId;
            json["success_time"] = Http.WireTime.Rfc3339(PaidAt!.Value);
            json["amount"]!["payer_total"] = Request.Total;
        }
        return json;
    }
}
