using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Answers to <c>GET /v3/certificates</c> as WeChat Pay writes them: each certificate AES-GCM-encrypted with the APIv3 key.</summary>
internal static class CertificatesAnswers
{
    /// <summary>The APIv3 key the certificate suites encrypt with.</summary>
    public const string ApiV3Key = "0123456789abcdefABCDEF0123456789";

    /// <summary>
    /// One entry of the <c>data</c> list: <paramref name="pem"/> encrypted under <paramref name="apiV3Key"/> (with
    /// AEAD_AES_256_GCM, or AEAD_SM4_GCM for a 国密 answer), listed as <paramref name="serial"/>.
    /// </summary>
    public static JObject Entry(string serial, string pem, string apiV3Key = ApiV3Key, string? associatedData = "certificate", bool sm4 = false) => new()
    {
        ["serial_no"] = serial,
        ["effective_time"] = "2026-01-01T00:00:00+08:00",
        ["expire_time"] = "2031-01-01T00:00:00+08:00",
        ["encrypt_certificate"] = new JObject
        {
            ["algorithm"] = sm4 ? AeadSm4Gcm.Algorithm : AeadAesGcm.Algorithm,
            ["nonce"] = "61f9fcd1ef2b",
            ["associated_data"] = associatedData,
            ["ciphertext"] = sm4
                ? new AeadSm4Gcm(apiV3Key).Encrypt("61f9fcd1ef2b", associatedData ?? "", pem)
                : new AeadAesGcm(apiV3Key).Encrypt("61f9fcd1ef2b", associatedData ?? "", pem),
        },
    };

    /// <summary>The answer's JSON text, listing <paramref name="entries"/>.</summary>
    public static string Of(params JToken[] entries) => new JObject { ["data"] = new JArray(entries) }.ToString(Newtonsoft.Json.Formatting.None);
}
