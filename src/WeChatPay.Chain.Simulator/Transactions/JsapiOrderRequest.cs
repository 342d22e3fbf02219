using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Transactions;

/// <summary>
/// The body of <c>POST /v3/pay/transactions/jsapi</c>: <c>appid</c>, <c>mchid</c>, <c>description</c>,
/// <c>out_trade_no</c> (6 to 32 of <c>0-9A-Za-z_-|*</c>), <c>notify_url</c>, <c>amount.total</c> (fen, positive),
/// <c>payer.openid</c>; each missing or malformed one is 400 PARAM_ERROR naming it.
/// </summary>
internal sealed partial record JsapiOrderRequest(string AppId, string MchId, string Description, string OutTradeNo, Uri NotifyUrl, long Total, string OpenId, JsonObject Body)
{
    // \z, not $: $ also matches before a final line break, which would let "A1\n" through.
    [GeneratedRegex(@"^[0-9A-Za-z_\-|*]{6,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OutTradeNoPattern();

    public static JsapiOrderRequest Parse(byte[] body)
    {
        var json = JsonFields.ParseBody(body);
        var appId = json.RequiredString("appid", 32);
        var mchId = json.RequiredString("mchid", 32);
        var description = json.RequiredString("description", 127);
        var outTradeNo = json.RequiredString("out_trade_no", 32);
        if (!OutTradeNoPattern().IsMatch(outTradeNo))
            throw ApiError.Param("out_trade_no", "must be 6 to 32 characters of 0-9, A-Z, a-z, _, -, | and *");
        var notifyText = json.RequiredString("notify_url", 256);
        if (!Uri.TryCreate(notifyText, UriKind.Absolute, out var notifyUrl) || notifyUrl.Scheme is not ("http" or "https"))
            throw ApiError.Param("notify_url", "must be an absolute http or https URL");
        var amount = Object(json, "amount");
        var total = amount.OptionalInteger("total", 1, JsonFields.MaxAmount, "must be a positive integer amount in fen")
            ?? throw ApiError.Param(amount.Path("total"), "is required");
        var payer = Object(json, "payer");
        var openId = payer.RequiredString("openid", 128);
        return new JsapiOrderRequest(appId, mchId, description, outTradeNo, notifyUrl, total, openId, json.Object);
    }

    private static JsonFields Object(JsonFields json, string name)
        => json.OptionalObject(name) ?? throw ApiError.Param(json.Path(name), "is required and must be an object");
}
