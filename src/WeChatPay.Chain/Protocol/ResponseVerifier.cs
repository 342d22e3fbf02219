using System.Globalization;
using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Verifies WeChat Pay's signature on a response or notification: <c>TIMESTAMP\nNONCE\nBODY\n</c> signed with the key
/// named by <c>Wechatpay-Serial</c>, within 300 seconds of the local clock, never a <c>WECHATPAY/SIGNTEST/</c> probe.
/// Safe to share between threads.
/// </summary>
public sealed class ResponseVerifier
{
    /// <summary>The largest accepted distance between <c>Wechatpay-Timestamp</c> and the local clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    /// <summary>The prefix of the probe signatures WeChat Pay sends to check that merchants verify.</summary>
    public const string ProbeSignaturePrefix = "WECHATPAY/SIGNTEST/";

    private readonly IVerifier _verifier;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier over a map of serial or <c>PUB_KEY_ID_…</c> to public key.</summary>
    /// <param name="keys">The platform keys; usually a <c>PlatformKeys</c>, whose SM2 keys (国密) then verify too.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public ResponseVerifier(IReadOnlyDictionary<string, RSA> keys, TimeProvider? time = null) : this(keys as IVerifier ?? new RsaVerifier(keys), time) { }

    /// <summary>A verifier over keys of any kind, each checking signatures in its own scheme.</summary>
    internal static ResponseVerifier Over(IVerifier verifier, TimeProvider? time) => new(verifier, time);

    private ResponseVerifier(IVerifier verifier, TimeProvider? time)
    {
        _verifier = verifier;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether a key with this serial or public-key id is known.</summary>
    public bool Knows(string serial) => _verifier.Knows(serial);

    /// <summary>Checks the four <c>Wechatpay-*</c> header values against the raw body.</summary>
    /// <exception cref="ResponseVerificationException">Any check fails; <see cref="ResponseVerificationException.Reason"/> says which.</exception>
    public void Verify(string? timestamp, string? nonce, string? signature, string? serial, ReadOnlySpan<byte> body)
    {
        var result = Check(timestamp, nonce, signature, serial, body);
        if (!result.IsValid) throw result.ToException();
    }

    /// <summary>
    /// The checks of <see cref="Verify"/>, in order: headers present, timestamp a number within the window, not a probe,
    /// serial known, signature valid. An unknown serial is reported only after the others passed, so a stale or probing
    /// message never counts as one whose key is missing.
    /// </summary>
    internal VerificationResult Check(string? timestamp, string? nonce, string? signature, string? serial, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp)) return Missing(WeChatPayHeaders.Timestamp);
        if (string.IsNullOrEmpty(nonce)) return Missing(WeChatPayHeaders.Nonce);
        if (string.IsNullOrEmpty(signature)) return Missing(WeChatPayHeaders.Signature);
        if (string.IsNullOrEmpty(serial)) return Missing(WeChatPayHeaders.Serial);

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || timestamp.Length > 12)
            return VerificationResult.Failed(VerificationFailure.MalformedTimestamp, $"{WeChatPayHeaders.Timestamp} is not a number of seconds.");
        var skew = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(skew) > (long)MaxClockSkew.TotalSeconds)
            return VerificationResult.Failed(VerificationFailure.TimestampOutOfWindow, $"{WeChatPayHeaders.Timestamp} is {Math.Abs(skew)} s {(skew > 0 ? "in the past" : "in the future")}, beyond the {MaxClockSkew.TotalSeconds} s window: a replayed message, or the local clock is wrong.");

        if (signature.StartsWith(ProbeSignaturePrefix, StringComparison.Ordinal))
            return VerificationResult.Failed(VerificationFailure.ProbeSignature, $"The signature is a {ProbeSignaturePrefix} probe: WeChat Pay is checking that this merchant verifies signatures. Rejecting it is the correct answer.");

        if (!_verifier.Knows(serial))
            return VerificationResult.Failed(VerificationFailure.UnknownSerial, $"{WeChatPayHeaders.Serial} {Clip(serial)} is not in Certs (it holds {string.Join(", ", _verifier.KeyIds)}). Add that platform certificate or PUB_KEY_ID_ public key; platform certificates are downloaded from GET /v3/certificates.");

        using var message = SignatureMessage.Pooled(body, timestamp, nonce);
        return _verifier.Verify(serial, message.Span, signature)
            ? VerificationResult.Valid
            : VerificationResult.Failed(VerificationFailure.BadSignature, _verifier.KindMismatch(serial, signature) is { } mismatch
                ? $"{WeChatPayHeaders.Signature} cannot be the signature of key {serial}. {mismatch}"
                : $"{WeChatPayHeaders.Signature} does not match the body for key {serial}: the response was altered, or came from someone else.");
    }

    private static VerificationResult Missing(string name) => VerificationResult.Failed(VerificationFailure.MissingHeader,
        $"The {name} header is missing, so the message cannot be verified. Was it altered by a proxy, or does it not come from WeChat Pay?");

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
