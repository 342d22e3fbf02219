using System.Globalization;
using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Signs APIv3 requests for one merchant: <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c> with the merchant
/// private key (RSA, or SM2 for 国密), a fresh 32-character nonce and the current time in seconds. Safe to share between threads.
/// </summary>
public sealed class RequestSigner
{
    private readonly ISigner _signer;
    private readonly TimeProvider _time;

    /// <summary>Creates a signer over an already loaded key (see <see cref="Rsa.LoadPrivateKey"/>).</summary>
    public RequestSigner(string mchId, string serial, RSA privateKey, TimeProvider? time = null) : this(mchId, serial, new RsaSigner(privateKey), time) { }

    internal RequestSigner(string mchId, string serial, ISigner signer, TimeProvider? time)
    {
        MchId = mchId;
        Serial = serial;
        _signer = signer;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The merchant id written into the header.</summary>
    public string MchId { get; }

    /// <summary>The merchant certificate serial written into the header.</summary>
    public string Serial { get; }

    /// <summary>The algorithms requests are signed with, which choose the header's scheme.</summary>
    public SignatureScheme Scheme => _signer.Scheme;

    /// <summary>Signs one request.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="requestTarget">The path and query exactly as they go on the wire.</param>
    /// <param name="body">The exact body bytes sent; empty when there is none.</param>
    public AuthorizationHeader Sign(string method, string requestTarget, ReadOnlySpan<byte> body)
    {
        var (timestamp, nonce) = Fresh();
        using var message = SignatureMessage.Pooled(body, method, requestTarget, timestamp, nonce);
        Span<byte> signature = stackalloc byte[Rsa.MaxSignatureBytes];
        var length = _signer.Sign(message.Span, signature);
        return new AuthorizationHeader(MchId, nonce, timestamp, Serial, Convert.ToBase64String(signature[..length])) { SignatureScheme = _signer.Scheme };
    }

    /// <summary>
    /// Signs one request for the wire: the <c>Authorization</c> value is written in one string, the signature's Base64
    /// straight into it (no <see cref="AuthorizationHeader"/>, no separate Base64 string: this runs for every request).
    /// </summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="requestTarget">The path and query exactly as they go on the wire.</param>
    /// <param name="body">The exact body bytes sent; empty when there is none.</param>
    internal SentSignature SignForWire(string method, string requestTarget, ReadOnlySpan<byte> body)
    {
        var (timestamp, nonce) = Fresh();
        using var message = SignatureMessage.Pooled(body, method, requestTarget, timestamp, nonce);
        return Sent(message.Span, timestamp, nonce);
    }

    /// <summary>As <see cref="SignForWire(string, string, ReadOnlySpan{byte})"/> for a body that is text, over its UTF-8, with no array of the body's bytes made.</summary>
    internal SentSignature SignForWire(string method, string requestTarget, string body)
    {
        var (timestamp, nonce) = Fresh();
        using var message = SignatureMessage.Pooled(body, method, requestTarget, timestamp, nonce);
        return Sent(message.Span, timestamp, nonce);
    }

    private SentSignature Sent(ReadOnlySpan<byte> message, string timestamp, string nonce)
    {
        Span<byte> signature = stackalloc byte[Rsa.MaxSignatureBytes];
        var length = _signer.Sign(message, signature);
        return new(AuthorizationHeader.Format(_signer.Scheme, MchId, nonce, timestamp, Serial, signature[..length]), timestamp, nonce);
    }

    /// <summary>The current time in seconds and a new nonce.</summary>
    private (string Timestamp, string Nonce) Fresh()
    {
        // The text of the current second is written once and shared by the requests signed within it.
        var seconds = _time.GetUtcNow().ToUnixTimeSeconds();
        var stamp = _stamp;
        if (stamp?.Seconds != seconds) _stamp = stamp = new(seconds, seconds.ToString(CultureInfo.InvariantCulture));
        return (stamp.Text, Nonce.Create());
    }

    private sealed record Stamp(long Seconds, string Text);

    private Stamp? _stamp;
}
