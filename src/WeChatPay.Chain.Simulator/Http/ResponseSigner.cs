using System.Globalization;
using WeChatPay.Chain.Crypto;

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

    public ResponseSigner(SimulatorProfile profile, TimeProvider time)
    {
        _profile = profile;
        _time = time;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Sign(ReadOnlySpan<byte> body, bool asPublicKeyId)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signature = Rsa.Sign(_profile.PlatformPrivateKey, SignatureMessage.ForResponse(timestamp, nonce, body));
        return
        [
            new(WechatpayHeaders.Timestamp, timestamp),
            new(WechatpayHeaders.Nonce, nonce),
            new(WechatpayHeaders.Signature, signature),
            new(WechatpayHeaders.Serial, asPublicKeyId ? _profile.PublicKeyId : _profile.PlatformCertificateSerial),
        ];
    }

    /// <summary>A request that names the <c>PUB_KEY_ID_…</c> in <c>Wechatpay-Serial</c> is from a merchant in public-key mode.</summary>
    public bool WantsPublicKeyId(string? requestSerial)
        => requestSerial is not null && string.Equals(requestSerial.Trim(), _profile.PublicKeyId, StringComparison.OrdinalIgnoreCase);
}
