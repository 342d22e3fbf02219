using System.Globalization;
using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

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

    private readonly IReadOnlyDictionary<string, RSA> _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier over a map of serial or <c>PUB_KEY_ID_…</c> to public key.</summary>
    /// <param name="keys">The platform keys; usually a <see cref="PlatformKeys"/>.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public ResponseVerifier(IReadOnlyDictionary<string, RSA> keys, TimeProvider? time = null)
    {
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether a key with this serial or public-key id is known.</summary>
    public bool Knows(string serial) => _keys.ContainsKey(serial);

    /// <summary>Checks the four <c>Wechatpay-*</c> header values against the raw body.</summary>
    /// <exception cref="ResponseVerificationException">Any check fails; <see cref="ResponseVerificationException.Reason"/> says which.</exception>
    public void Verify(string? timestamp, string? nonce, string? signature, string? serial, ReadOnlySpan<byte> body)
    {
        RequireHeader(timestamp, WechatpayHeaders.Timestamp);
        RequireHeader(nonce, WechatpayHeaders.Nonce);
        RequireHeader(signature, WechatpayHeaders.Signature);
        RequireHeader(serial, WechatpayHeaders.Serial);

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || timestamp.Length > 12)
            throw Fail(VerificationFailure.MalformedTimestamp, $"{WechatpayHeaders.Timestamp} is not a number of seconds.");
        var skew = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(skew) > (long)MaxClockSkew.TotalSeconds)
            throw Fail(VerificationFailure.TimestampOutOfWindow, $"{WechatpayHeaders.Timestamp} is {Math.Abs(skew)} s {(skew > 0 ? "in the past" : "in the future")}, beyond the {MaxClockSkew.TotalSeconds} s window: a replayed message, or the local clock is wrong.");

        if (signature.StartsWith(ProbeSignaturePrefix, StringComparison.Ordinal))
            throw Fail(VerificationFailure.ProbeSignature, $"The signature is a {ProbeSignaturePrefix} probe: WeChat Pay is checking that this merchant verifies signatures. Rejecting it is the correct answer.");

        if (!_keys.TryGetValue(serial, out var key))
            throw Fail(VerificationFailure.UnknownSerial, $"{WechatpayHeaders.Serial} {Clip(serial)} is not in Certs (it holds {string.Join(", ", _keys.Keys)}). Add that platform certificate or PUB_KEY_ID_ public key; download platform certificates with `wxpay certificates`.");

        using var message = SignatureMessage.Pooled(body, timestamp, nonce);
        if (!Rsa.Verify(key, message.Span, signature))
            throw Fail(VerificationFailure.BadSignature, $"{WechatpayHeaders.Signature} does not match the body for key {serial}: the response was altered, or came from someone else.");
    }

    private static void RequireHeader([System.Diagnostics.CodeAnalysis.NotNull] string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
            throw Fail(VerificationFailure.MissingHeader, $"The {name} header is missing, so the message cannot be verified. Was it altered by a proxy, or does it not come from WeChat Pay?");
    }

    private static ResponseVerificationException Fail(VerificationFailure reason, string message) => new(reason, message);

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
