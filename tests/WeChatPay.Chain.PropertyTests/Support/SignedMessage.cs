using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>A body and the four <c>Wechatpay-*</c> header values that claim to sign it; null means the header is absent.</summary>
internal sealed record SignedMessage(byte[] Body, string? Timestamp, string? Nonce, string? Signature, string? Serial)
{
    /// <summary>
    /// Bodies with header values drawn each on its own: valid, slightly off (±400 s, the other id, lower case, a probe, a
    /// signature over other bytes), or junk; about one case in eight carries a true signature over the body.
    /// </summary>
    public static Gen<SignedMessage> Cases(Gen<byte[]> bodies) =>
        from body in bodies
        from timestamp in Timestamps
        from nonce in Gen.OneOf(Gen.Constant<string?>(null), Text.Ascii(40).Select(s => (string?)s), Text.Any(6).Select(s => (string?)s))
        from serial in Serials
        from signed in Gen.Frequency((1, Gen.Constant(true)), (7, Gen.Constant(false)))
        from signature in signed ? Gen.Constant((string?)null) : Signatures
        select signed && timestamp is not null && nonce is not null
            ? new SignedMessage(body, timestamp, nonce, Sign(timestamp, nonce, body), serial)
            : new SignedMessage(body, timestamp, nonce, signature, serial);

    /// <summary>Bodies with all four headers right: a current timestamp, a nonce, the true signature and a known key id.</summary>
    public static Gen<SignedMessage> Genuine(Gen<byte[]> bodies) =>
        from body in bodies
        from offset in Gen.Choose(-10, 10)
        from nonce in Text.Ascii(32)
        from serial in Gen.Elements(TestKeys.PlatformSerial, TestKeys.PublicKeyId)
        let timestamp = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offset).ToString(CultureInfo.InvariantCulture)
        select new SignedMessage(body, timestamp, nonce, Sign(timestamp, nonce, body), serial);

    /// <summary>The true signature of the platform key over <c>TIMESTAMP\nNONCE\nBODY\n</c>.</summary>
    public static string Sign(string timestamp, string nonce, byte[] body) => Rsa.Sign(TestKeys.PlatformKey, SignatureMessage.ForResponse(timestamp, nonce, body));

    /// <summary>Whether <see cref="Signature"/> is the platform key's true signature over this body, timestamp and nonce.</summary>
    public bool IsTrue => Timestamp is not null && Nonce is not null && Signature == Sign(Timestamp, Nonce, Body);

    /// <summary>The headers as a list, in the order a server might send them.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers()
    {
        if (Timestamp is not null) yield return new(WeChatPayHeaders.Timestamp, Timestamp);
        if (Nonce is not null) yield return new(WeChatPayHeaders.Nonce, Nonce);
        if (Signature is not null) yield return new(WeChatPayHeaders.Signature, Signature);
        if (Serial is not null) yield return new(WeChatPayHeaders.Serial, Serial);
    }

    private static readonly Gen<string?> Timestamps = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Choose(-400, 400).Select(offset => (string?)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offset).ToString(CultureInfo.InvariantCulture)),
        Gen.Choose(-10, 10).Select(offset => (string?)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offset).ToString(CultureInfo.InvariantCulture)),
        Text.From("0123456789 +-.eE", 24).Select(s => (string?)s),
        Text.Any(4).Select(s => (string?)s));

    private static readonly Gen<string?> Serials = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Elements<string?>(TestKeys.PlatformSerial, TestKeys.PublicKeyId, TestKeys.PlatformSerial.ToLowerInvariant(), TestKeys.MerchantSerial, "", " "),
        Text.Any(6).Select(s => (string?)s));

    private static readonly Gen<string?> Signatures = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Constant<string?>(""),
        Text.Base64(300).Select(s => (string?)s),
        Bytes.Any(256).Select(b => (string?)(ResponseVerifier.ProbeSignaturePrefix + Convert.ToBase64String(b))),
        Text.Any(8).Select(s => (string?)s),
        Text.From("ABCDEFabcdef0123456789+/=", 350).Select(s => (string?)s));
}
