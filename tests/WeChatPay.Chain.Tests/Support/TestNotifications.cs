using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Notifications as WeChat Pay posts them: an envelope whose resource is encrypted under the APIv3 key, then signed.</summary>
internal static class TestNotifications
{
    /// <summary>The APIv3 key the resources are encrypted under.</summary>
    public const string ApiV3Key = Shared.TestKeys.ApiV3Key;

    /// <summary>The envelope's <c>id</c>.</summary>
    public const string Id = "EV-2018022511223320873";

    /// <summary>The nonce of the <c>Wechatpay-Nonce</c> header.</summary>
    public const string Nonce = "n0nce";

    /// <summary>An envelope of the documented shape, with <paramref name="resource"/> encrypted under <see cref="ApiV3Key"/>.</summary>
    public static JObject Envelope(string eventType = "TRANSACTION.SUCCESS", string resource = "{\"out_trade_no\":\"NO1\"}", string associatedData = "transaction", string? algorithm = null) => new()
    {
        ["id"] = Id,
        ["create_time"] = "2026-11-21T10:00:00+08:00",
        ["event_type"] = eventType,
        ["resource_type"] = "encrypt-resource",
        ["summary"] = "支付成功",
        ["resource"] = new JObject
        {
            ["algorithm"] = algorithm ?? AeadAesGcm.Algorithm,
            ["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("fdasflkja484", associatedData, resource),
            ["nonce"] = "fdasflkja484",
            ["associated_data"] = associatedData,
            ["original_type"] = associatedData,
        },
    };

    /// <summary>The compact JSON of <paramref name="envelope"/> and the four <c>Wechatpay-*</c> headers that sign it.</summary>
    public static (byte[] Body, Dictionary<string, string> Headers) Posted(JObject envelope, long timestamp, RSA? key = null, string? serial = null, string? signature = null)
    {
        var body = Encoding.UTF8.GetBytes(envelope.ToString(Newtonsoft.Json.Formatting.None));
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        return (body, new Dictionary<string, string>
        {
            [WeChatPayHeaders.Timestamp] = ts,
            [WeChatPayHeaders.Nonce] = Nonce,
            [WeChatPayHeaders.Signature] = signature ?? Sign(body, ts, key),
            [WeChatPayHeaders.Serial] = serial ?? Fixtures.PlatformSerial,
        });
    }

    /// <summary>The signature over <c>TIMESTAMP\nNONCE\nBODY\n</c>, by the fixtures' platform key unless another is given.</summary>
    public static string Sign(byte[] body, string timestamp, RSA? key = null)
        => Rsa.Sign(key ?? Fixtures.PlatformKey.Value, SignatureMessage.ForResponse(timestamp, Nonce, body));
}
