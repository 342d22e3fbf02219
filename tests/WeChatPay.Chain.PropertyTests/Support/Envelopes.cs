using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// Notification bodies of every shape: fields present or absent and of any JSON type, the resource encrypted right,
/// tampered, or junk. Signing them (see <see cref="SignedMessage.Sign"/>) gets them past verification, so the parsing
/// and decryption behind it see them.
/// </summary>
internal static class Envelopes
{
    /// <param name="textFieldsOnly">
    /// Keep <c>id</c>, <c>event_type</c>, <c>summary</c> and <c>resource.associated_data</c> strings or absent, as
    /// WeChat Pay sends them, instead of any JSON type.
    /// </param>
    public static Gen<string> Bodies(bool textFieldsOnly) =>
        from id in Field(Gen.Constant<JToken>("EV-2018022511223320873"), textFieldsOnly)
        from eventType in Field(Gen.Elements<JToken>("TRANSACTION.SUCCESS", "PAYSCORE.USER_PAID"), textFieldsOnly)
        from summary in Field(Text.Any(6).Select(s => (JToken)s), textFieldsOnly)
        from resource in Resources(textFieldsOnly)
        from whole in Gen.Frequency((12, Gen.Constant(true)), (1, Gen.Constant(false)))
        select whole ? Envelope(id, eventType, summary, resource) : Truncate(Envelope(id, eventType, summary, resource));

    private static string Envelope(JToken? id, JToken? eventType, JToken? summary, JToken? resource)
    {
        var envelope = new JObject();
        if (id is not null) envelope["id"] = id;
        envelope["create_time"] = "2026-11-21T10:00:00+08:00";
        if (eventType is not null) envelope["event_type"] = eventType;
        envelope["resource_type"] = "encrypt-resource";
        if (summary is not null) envelope["summary"] = summary;
        if (resource is not null) envelope["resource"] = resource;
        return envelope.ToString(Formatting.None);
    }

    private static string Truncate(string json) => json[..(json.Length / 2)];

    /// <summary>Absent, the usual value, or (unless text only) any other JSON type.</summary>
    private static Gen<JToken?> Field(Gen<JToken> usual, bool textOnly) => textOnly
        ? Gen.Frequency((1, Gen.Constant<JToken?>(null)), (4, usual.Select(t => (JToken?)t)))
        : Gen.Frequency((1, Gen.Constant<JToken?>(null)), (4, usual.Select(t => (JToken?)t)), (2, Junk));

    private static readonly Gen<JToken?> Junk = Gen.Elements<Func<JToken?>>(
        () => JValue.CreateNull(), () => new JValue(42), () => new JValue(true), () => new JValue(1.5),
        () => new JArray(1, "a"), () => new JObject { ["a"] = 1 }, () => new JValue("")).Select(make => make());

    private static Gen<JToken?> Resources(bool textOnly) =>
        from kind in Gen.Frequency((8, Gen.Constant("object")), (1, Gen.Constant("absent")), (1, Gen.Constant("junk")))
        from algorithm in Gen.Frequency((6, Gen.Constant<JToken?>(AeadAesGcm.Algorithm)), (1, Gen.Constant<JToken?>(AeadSm4Gcm.Algorithm)), (1, Gen.Constant<JToken?>("AEAD_CHACHA20_POLY1305")), (1, Gen.Constant<JToken?>(null)), (1, Junk))
        from nonce in Gen.Frequency((6, Gen.Constant("fdasflkja484")), (1, Text.Any(4)))
        from nonceKind in Gen.Frequency((8, Gen.Constant(true)), (1, Gen.Constant(false)))
        from associatedData in Field(Gen.Elements<JToken>("transaction", "payscore", ""), textOnly)
        from plaintext in Gen.OneOf(Text.Any(8), Gen.Constant("{\"out_order_no\":\"NO1\"}"), Text.From("{}[]\":,1ab", 30))
        from cipherKind in Gen.Elements("right", "right", "right", "flipped", "otherKey", "base64", "text", "number")
        from junk in Junk
        from flip in Gen.Choose(0, 1_000)
        select kind switch
        {
            "absent" => null,
            "junk" => junk,
            _ => Resource(algorithm, nonceKind ? nonce : null, associatedData, Ciphertext(cipherKind, nonce, associatedData, plaintext, flip)),
        };

    private static JToken? Resource(JToken? algorithm, string? nonce, JToken? associatedData, JToken ciphertext)
    {
        var resource = new JObject { ["original_type"] = "transaction", ["ciphertext"] = ciphertext };
        if (algorithm is not null) resource["algorithm"] = algorithm;
        if (nonce is not null) resource["nonce"] = nonce;
        if (associatedData is not null) resource["associated_data"] = associatedData;
        return resource;
    }

    private static JToken Ciphertext(string kind, string nonce, JToken? associatedData, string plaintext, int flip)
    {
        var aad = associatedData is JValue { Type: JTokenType.String } text ? (string)text! : "";
        var usableNonce = System.Text.Encoding.UTF8.GetByteCount(nonce) == 12 ? nonce : "fdasflkja484";
        switch (kind)
        {
            case "right":
                return new AeadAesGcm(TestKeys.ApiV3Key).Encrypt(usableNonce, aad, plaintext);
            case "flipped":
                var bytes = Convert.FromBase64String(new AeadAesGcm(TestKeys.ApiV3Key).Encrypt(usableNonce, aad, plaintext));
                bytes[flip % bytes.Length] ^= (byte)(1 << (flip % 8));
                return Convert.ToBase64String(bytes);
            case "otherKey":
                return new AeadAesGcm("Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4").Encrypt(usableNonce, aad, plaintext);
            case "base64":
                return Convert.ToBase64String(new byte[flip % 40]);
            case "text":
                return "not base64 " + flip;
            default:
                return flip;
        }
    }
}
