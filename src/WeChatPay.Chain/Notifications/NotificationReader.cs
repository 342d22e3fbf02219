using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain;

/// <summary>
/// Opens callback notifications: verifies the <c>Wechatpay-*</c> signature over the raw body bytes exactly as
/// received (never a re-serialised copy), then decrypts <c>resource</c> with the APIv3 key. Safe to share.
/// </summary>
public sealed class NotificationReader
{
    private readonly ResponseVerifier _verifier;
    private readonly string _apiV3Key;

    /// <summary>Creates a reader over the client's platform keys and the merchant's APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The APIv3 key is not 32 ASCII characters.</exception>
    public NotificationReader(ResponseVerifier verifier, string apiV3Key)
    {
        AeadAesGcm.ValidateKey(apiV3Key);
        _verifier = verifier;
        _apiV3Key = apiV3Key;
    }

    /// <summary>Verifies and decrypts a notification given its raw body and its request headers (names in any case).</summary>
    /// <exception cref="ResponseVerificationException">The signature, timestamp or serial does not check out.</exception>
    /// <exception cref="DecryptionException">The resource does not decrypt (wrong APIv3 key, tampering).</exception>
    /// <exception cref="ResponseFormatException">The body is not a notification: not JSON, fields missing, unknown algorithm.</exception>
    public Notification Read(byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
            if (!byName.TryAdd(name, value) && name.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase))
                throw new ResponseVerificationException(VerificationFailure.MissingHeader, $"The {name} header appears more than once; a signed notification carries exactly one.");
        return Read(body,
            byName.GetValueOrDefault(WechatpayHeaders.Timestamp),
            byName.GetValueOrDefault(WechatpayHeaders.Nonce),
            byName.GetValueOrDefault(WechatpayHeaders.Signature),
            byName.GetValueOrDefault(WechatpayHeaders.Serial));
    }

    /// <summary>Verifies and decrypts a notification given its raw body and the four header values.</summary>
    public Notification Read(byte[] body, string? timestamp, string? nonce, string? signature, string? serial)
    {
        _verifier.Verify(timestamp, nonce, signature, serial, body);
        var envelope = ParseEnvelope(body);
        foreach (var name in new[] { "id", "create_time", "event_type", "resource_type", "summary" }) RequireTextOrAbsent(envelope, name);
        if (envelope["resource"] is not JObject resource) throw Malformed("has no resource object");
        RequireTextOrAbsent(resource, "associated_data");
        var algorithm = Field(resource, "algorithm");
        if (algorithm != AeadAesGcm.Algorithm) throw Malformed($"uses the algorithm '{algorithm}'; only {AeadAesGcm.Algorithm} is known");
        var plain = AeadAesGcm.Decrypt(_apiV3Key, Field(resource, "nonce"), (string?)resource["associated_data"] ?? "", Field(resource, "ciphertext"));
        return new Notification(envelope, plain);
    }

    private static JObject ParseEnvelope(byte[] body)
    {
        try
        {
            // Dates stay text, as sent: create_time is a string field, not a DateTime to be reformatted.
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(body))) { DateParseHandling = DateParseHandling.None };
            return JObject.Load(reader);
        }
        catch (JsonException e)
        {
            throw new ResponseFormatException($"The notification body is not a JSON object: {e.Message}", e);
        }
    }

    private static void RequireTextOrAbsent(JObject o, string name)
    {
        if (o[name] is { } token && token.Type is not (JTokenType.String or JTokenType.Null)) throw Malformed($"field '{name}' is a {token.Type.ToString().ToLowerInvariant()}, not a string");
    }

    private static string Field(JObject resource, string name)
        => resource[name] is JValue { Type: JTokenType.String } value ? (string)value! : throw Malformed($"resource has no string '{name}'");

    private static ResponseFormatException Malformed(string what) => new($"The notification {what}.", null);
}
