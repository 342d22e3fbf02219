using System.Globalization;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Signs what the simulator sends, responses and notifications alike, with a platform private key over
/// <c>TIMESTAMP\nNONCE\nBODY\n</c>: RSA-SHA256, or SM2-with-SM3 in 国密. The RSA certificate serial and the
/// <c>PUB_KEY_ID_…</c> name the same key pair, so only the <c>Wechatpay-Serial</c> header differs between those two.
/// </summary>
internal sealed class ResponseSigner
{
    private readonly SimulatorProfile _profile;
    private readonly TimeProvider _time;
    private readonly bool _publicKeyMode;

    /// <param name="profile">The keys.</param>
    /// <param name="time">The clock for <c>Wechatpay-Timestamp</c>.</param>
    /// <param name="publicKeyMode">The merchant is in public-key mode: every answer names the <c>PUB_KEY_ID_…</c>.</param>
    public ResponseSigner(SimulatorProfile profile, TimeProvider time, bool publicKeyMode = false)
    {
        _profile = profile;
        _time = time;
        _publicKeyMode = publicKeyMode;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Sign(ReadOnlySpan<byte> body, PlatformKey key)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var message = SignatureMessage.ForResponse(timestamp, nonce, body);
        var signature = key == PlatformKey.Sm2Certificate ? Sm2.Sign(_profile.Sm2.PlatformPrivateKey, message) : Rsa.Sign(_profile.PlatformPrivateKey, message);
        return
        [
            new(WeChatPayHeaders.Timestamp, timestamp),
            new(WeChatPayHeaders.Nonce, nonce),
            new(WeChatPayHeaders.Signature, signature),
            new(WeChatPayHeaders.Serial, key switch
            {
                PlatformKey.PublicKeyId => _profile.PublicKeyId,
                PlatformKey.Sm2Certificate => _profile.Sm2.PlatformCertificateSerial,
                _ => _profile.PlatformCertificateSerial,
            }),
        ];
    }

    /// <summary>
    /// The key that answers <paramref name="request"/>: the SM2 key when it is signed in 国密; otherwise the RSA key,
    /// under the <c>PUB_KEY_ID_…</c> always for a merchant in public-key mode, else when the request names it in
    /// <c>Wechatpay-Serial</c>, as a merchant that verifies with the public key does.
    /// </summary>
    public PlatformKey KeyFor(RawRequest request)
    {
        if (request.Scheme == SignatureScheme.Sm2WithSm3) return PlatformKey.Sm2Certificate;
        var serial = request.Header(WeChatPayHeaders.Serial);
        return _publicKeyMode || (serial is not null && string.Equals(serial.Trim(), _profile.PublicKeyId, StringComparison.OrdinalIgnoreCase))
            ? PlatformKey.PublicKeyId
            : PlatformKey.Certificate;
    }
}
