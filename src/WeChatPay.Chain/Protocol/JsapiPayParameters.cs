using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SystemTextJsonName = System.Text.Json.Serialization.JsonPropertyNameAttribute;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// What a web page or mini-program needs to open the WeChat Pay cashier for a JSAPI or mini-program order:
/// the object given to <c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c> or <c>wx.requestPayment(…)</c>
/// (the mini-program ignores <c>appId</c>). Made by <see cref="PaySign.ForJsapi"/>.
/// </summary>
/// <remarks>
/// Property names serialise exactly as the front end expects, with Newtonsoft.Json and with System.Text.Json alike,
/// so the record can be returned from an ASP.NET Core endpoint as it is.
/// </remarks>
/// <param name="AppId">The official account or mini-program <c>appid</c> the order was placed for.</param>
/// <param name="TimeStamp">Seconds since the Unix epoch, as a string.</param>
/// <param name="NonceStr">The random string that went into the signature.</param>
/// <param name="Package"><c>prepay_id=</c> followed by the prepay id from the order call.</param>
/// <param name="SignType">Always <c>RSA</c> for APIv3 (RSASSA-PKCS1-v1_5 with SHA-256).</param>
/// <param name="PaySign">Base64 signature over <c>appId\ntimeStamp\nnonceStr\npackage\n</c> by the merchant private key.</param>
public sealed record JsapiPayParameters(
    [property: JsonProperty("appId"), SystemTextJsonName("appId")] string AppId,
    [property: JsonProperty("timeStamp"), SystemTextJsonName("timeStamp")] string TimeStamp,
    [property: JsonProperty("nonceStr"), SystemTextJsonName("nonceStr")] string NonceStr,
    [property: JsonProperty("package"), SystemTextJsonName("package")] string Package,
    [property: JsonProperty("signType"), SystemTextJsonName("signType")] string SignType,
    [property: JsonProperty("paySign"), SystemTextJsonName("paySign")] string PaySign)
{
    /// <summary>The parameters keyed by the front end's names, for code that builds its own response.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => JObject.FromObject(this).Properties().ToDictionary(p => p.Name, p => p.Value.ToString());
}
