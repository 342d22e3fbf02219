using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Transactions;

/// <summary>
/// What the merchant's page hands to <c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c>, with the front end's names:
/// <c>appId, timeStamp, nonceStr, package, signType, paySign</c>.
/// </summary>
internal sealed record JsapiPayment(string AppId, string TimeStamp, string NonceStr, string Package, string SignType, string PaySign)
{
    /// <exception cref="ApiError">400 PARAM_ERROR: the body is not a JSON object or a parameter is missing.</exception>
    public static JsapiPayment Parse(byte[] body)
    {
        var json = JsonFields.ParseBody(body);
        return new JsapiPayment(json.RequiredString("appId", 32), json.RequiredString("timeStamp", 32), json.RequiredString("nonceStr", 32),
            json.RequiredString("package", 128), json.RequiredString("signType", 16), json.RequiredString("paySign", 1024));
    }
}
