using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SystemTextJsonName = System.Text.Json.Serialization.JsonPropertyNameAttribute;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// What a mobile app needs to open the WeChat Pay cashier through the OpenSDK's <c>PayReq</c> (Android
/// and iOS) for an APP order, with the lower-case names WeChat Pay documents. Made by <see cref="PaySign.ForApp"/>.
/// </summary>
/// <remarks>
/// Property names serialise exactly as documented, with Newtonsoft.Json and with System.Text.Json alike.
/// </remarks>
/// <param name="AppId">The mobile application's <c>appid</c> the order was placed for.</param>
/// <param name="PartnerId">The merchant id (<c>mchid</c>).</param>
/// <param name="PrepayId">The prepay id from the order call, without any prefix.</param>
/// <param name="Package">Always <c>Sign=WXPay</c>.</param>
/// <param name="NonceStr">The random string that went into the signature.</param>
/// <param name="Timestamp">Seconds since the Unix epoch, as a string.</param>
/// <param name="Sign">Base64 signature over <c>appid\ntimestamp\nnoncestr\nprepayid\n</c> by the merchant private key.</param>
public sealed record AppPayParameters(
    [property: JsonProperty("appid"), SystemTextJsonName("appid")] string AppId,
    [property: JsonProperty("partnerid"), SystemTextJsonName("partnerid")] string PartnerId,
    [property: JsonProperty("prepayid"), SystemTextJsonName("prepayid")] string PrepayId,
    [property: JsonProperty("package"), SystemTextJsonName("package")] string Package,
    [property: JsonProperty("noncestr"), SystemTextJsonName("noncestr")] string NonceStr,
    [property: JsonProperty("timestamp"), SystemTextJsonName("timestamp")] string Timestamp,
    [property: JsonProperty("sign"), SystemTextJsonName("sign")] string Sign)
{
    /// <summary>The parameters keyed by their documented names, for code that builds its own response.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => JObject.FromObject(this).Properties().ToDictionary(p => p.Name, p => p.Value.ToString());
}
