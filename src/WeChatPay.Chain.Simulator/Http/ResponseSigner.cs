using System.Globalization;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Signs what the simulator sends, responses and notifications alike, with the platform private key over
/// <c>TIMESTAMP\nNONCE\nBODY\n</c>. The certificate serial and the <c>PUB_KEY_ID_…</c> name the same key pair,
/// so only the <c>Wechatpay-Serial</c> header differs between the two modes.
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

    public IReadOnlyList<KeyValuePair<string, string>> Sign(ReadOnlySpan<byte> body, bool asPublicKeyId)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = Rsa.Sign(_profile.PlatformPrivateKey, SignatureMessage.ForResponse(timestamp, nonce, body));
        return
        [
            new(WeChatPayHeaders.Timestamp, timestamp),
            new(WeChatPayHeaders.Nonce, nonce),
            new(WeChatPayHeaders.Signature, signature),
            new(WeChatPayHeaders.Serial, asPublicKeyId ? _profile.PublicKeyId : _profile.PlatformCertificateSerial),
        ];
    }

    /// <summary>
    /// Whether to answer under the <c>PUB_KEY_ID_…</c>: always for a merchant in public-key mode, else when the
    /// request names it in <c>Wechatpay-Serial</c>, as a merchant that verifies with the public key does.
    /// </summary>
    public bool WantsPublicKeyId(string? requestSerial)
        => _publicKeyMode || (requestSerial is not null && string.Equals(requestSerial.Trim(), _profile.PublicKeyId, StringComparison.OrdinalIgnoreCase));
}
