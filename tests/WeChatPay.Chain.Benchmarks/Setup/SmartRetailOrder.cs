using System.Text;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The call every scenario makes: creating a smart-retail order (<c>POST v3/payscore/smartretail-orders</c>) with a
/// typical payload, answered by the body WeChat Pay documents for it.
/// </summary>
public static class SmartRetailOrder
{
    /// <summary>The path, relative to the API root.</summary>
    public const string Path = "v3/payscore/smartretail-orders";

    /// <summary>The request-target that goes on the wire, and into the signing string.</summary>
    public const string RequestTarget = "/" + Path;

    /// <summary>
    /// A create payload as user code writes it: an anonymous object with nested objects, the way ported PHP arrays look.
    /// One instance is shared by every call, by the client and the baseline alike, so neither pays for building it.
    /// </summary>
    public static readonly object Payload = new
    {
        appid = "wxd678efh567hg6787",
        service_id = "500001",
        out_order_no = "1234323JKHDFE1243252",
        service_introduction = "Smart retail cabinet",
        time_range = new { start_time = "OnAccept" },
        location = new { start_location = "Cabinet 42, Nanshan Avenue" },
        risk_fund = new { name = "ESTIMATE_ORDER_COST", amount = 10000, description = "Goods taken from the cabinet" },
        attach = "cabinet=42",
        notify_url = "https://merchant.example.com/wechatpay/smartretail",
        openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
        need_user_confirm = false,
    };

    /// <summary>The response body: the created order, as WeChat Pay documents it (about 700 bytes).</summary>
    public static readonly byte[] CreatedBody = Encoding.UTF8.GetBytes(
        "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\",\"out_order_no\":\"1234323JKHDFE1243252\"," +
        "\"service_id\":\"500001\",\"service_introduction\":\"Smart retail cabinet\",\"state\":\"CREATED\"," +
        "\"state_description\":\"MCH_COMPLETE\",\"post_payments\":[],\"post_discounts\":[]," +
        "\"risk_fund\":{\"name\":\"ESTIMATE_ORDER_COST\",\"amount\":10000,\"description\":\"Goods taken from the cabinet\"}," +
        "\"time_range\":{\"start_time\":\"OnAccept\"},\"location\":{\"start_location\":\"Cabinet 42, Nanshan Avenue\"}," +
        "\"attach\":\"cabinet=42\",\"notify_url\":\"https://merchant.example.com/wechatpay/smartretail\"," +
        "\"order_id\":\"15646546545165651651\",\"package\":\"DJIOSQPYWDxsjdldeskdfmwalsdhfj3JKDFjkSDsdf56sdf345" +
        "JDFjxdsKDKDSsdf4d56sdjfkqwe87werJKDJFKDJFKjksdf\"}");
}
