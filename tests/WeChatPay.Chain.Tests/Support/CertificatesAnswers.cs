using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Answers to <c>GET /v3/certificates</c> as WeChat Pay writes them: each certificate AES-GCM-encrypted with the APIv3 key.</summary>
internal static class CertificatesAnswers
{
    /// <summary>The APIv3 key the certificate suites encrypt with.</summary>
    public const string ApiV3Key = "0123456789abcdefABCDEF0123456789";

    /// <summary>One entry of the <c>data</c> list: <paramref name="pem"/> encrypted under <paramref name="apiV3Key"/>, listed as <paramref name="serial"/>.</summary>
    public static JObject Entry(string serial, string pem, string apiV3Key = ApiV3Key, string? associatedData = "certificate") => new()
    {
        ["serial_no"] = serial,
        ["effective_time"] = "2026-01-01T00:00:00+08:00",
        ["expire_time"] = "2031-01-01T00:00:00+08:00",
        ["encrypt_certificate"] = new JObject
        {
            ["algorithm"] = "AEAD_AES_256_GCM",
            ["nonce"] = "61f9fcd1ef2b",
            ["associated_data"] = associatedData,
            ["ciphertext"] = new AeadAesGcm(apiV3Key).Encrypt("61f9fcd1ef2b", associatedData ?? "", pem),
        },
    };

    /// <summary>The answer's JSON text, listing <paramref name="entries"/>.</summary>
    public static string Of(params JToken[] entries) => new JObject { ["data"] = new JArray(entries) }.ToString(Newtonsoft.Json.Formatting.None);
}
