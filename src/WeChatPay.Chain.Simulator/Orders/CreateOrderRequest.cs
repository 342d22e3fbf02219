using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// The body of <c>POST /v3/payscore/smartretail-orders</c>, in the shape WeChat Pay documents for smart retail
/// (<c>fees</c>, <c>discounts</c>, <c>risk_amount</c>, <c>service_start_time</c> …), plus an optional <c>notify_url</c>
/// so each order can send its notifications somewhere of its own.
/// </summary>
internal sealed record CreateOrderRequest(
    string AppId,
    string OutOrderNo,
    string ServiceId,
    string? ServiceStartTime,
    string? ServiceEndTime,
    string? ServiceStartLocation,
    string? ServiceEndLocation,
    string? ServiceIntroduction,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<Discount> Discounts,
    long? RiskAmount,
    string? Attach,
    bool? NeedUserConfirm,
    string? OpenId,
    Uri? NotifyUrl,
    JsonObject Body)
{
    /// <summary>The scheme the creating request was signed in; the order's notifications are signed and encrypted in it.</summary>
    public SignatureScheme Scheme { get; init; }

    public static CreateOrderRequest Parse(byte[] body)
    {
        var json = JsonFields.ParseBody(body);
        var appId = json.RequiredString("appid", 32);
        var outOrderNo = OutOrderNumber.Check(json.RequiredString("out_order_no", 64), "body");
        var serviceId = json.RequiredString("service_id", 32);
        return new CreateOrderRequest(
            appId,
            outOrderNo,
            serviceId,
            json.OptionalString("service_start_time", 32),
            json.OptionalString("service_end_time", 32),
            json.OptionalString("service_start_location", 50),
            json.OptionalString("service_end_location", 50),
            json.OptionalString("service_introduction", 20),
            json.OptionalObjects("fees", Fee.MaxItems)?.Select(item => Fee.Read(item, amountRequired: false)).ToArray() ?? [],
            json.OptionalObjects("discounts", Discount.MaxItems)?.Select(item => Discount.Read(item, amountRequired: false)).ToArray() ?? [],
            json.OptionalAmount("risk_amount"),
            json.OptionalString("attach", 256),
            json.OptionalBoolean("need_user_confirm"),
            json.OptionalString("openid", 128),
            NotifyUrlOf(json),
            json.Object);
    }

    private static Uri? NotifyUrlOf(JsonFields json)
    {
        var text = json.OptionalString("notify_url", 255);
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw ApiError.Param(json.Path("notify_url"), "must be an absolute http or https URL");
    }
}
