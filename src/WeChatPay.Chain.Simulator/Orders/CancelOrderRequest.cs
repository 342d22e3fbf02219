using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>The body of <c>POST …/{out_order_no}/cancel</c>.</summary>
internal sealed record CancelOrderRequest(string AppId, string ServiceId, string Reason)
{
    public static CancelOrderRequest Parse(byte[] body)
    {
        var json = JsonFields.ParseBody(body);
        return new CancelOrderRequest(json.RequiredString("appid", 32), json.RequiredString("service_id", 32), json.RequiredString("reason", 50));
    }
}
