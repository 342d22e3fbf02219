using System.Globalization;
using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Testing;

/// <summary>
/// WeChat Pay's side for tests: an RSA-2048 key pair (as a public key under <see cref="PublicKeyId"/> and as a platform
/// certificate under <see cref="CertificateSerial"/>) and an APIv3 key, made for tests and published with this package.
/// <see cref="TestMerchant.ClientOptions"/> trusts them; the fakes of <see cref="WeChatPayFakes"/> are signed with them.
/// </summary>
public static class TestPlatform
{
    /// <summary>The id of the platform public key, sent in <c>Wechatpay-Serial</c> by the fakes.</summary>
    public const string PublicKeyId = "PUB_KEY_ID_0119000000012025000100000001";

    /// <summary>The serial of the platform certificate that holds the same key.</summary>
    public const string CertificateSerial = "8F6E0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B";

    /// <summary>The APIv3 key that notification resources and downloaded certificates are encrypted under.</summary>
    public const string ApiV3Key = "0123456789abcdefABCDEF0123456789";

    private static readonly Lazy<RSA> Key = TestKeyFiles.Private("platform_key.pem");

    /// <summary>The platform public key (SPKI PEM), as the merchant platform gives <c>pub_key.pem</c>.</summary>
    public static string PublicKeyPem => TestKeyFiles.Text("platform_pub.pem");

    /// <summary>The platform certificate (PEM) with serial <see cref="CertificateSerial"/>.</summary>
    public static string CertificatePem => TestKeyFiles.Text("platform_cert.pem");

    /// <summary>The platform private key, which signs answers as WeChat Pay signs them.</summary>
    public static RSA PrivateKey => Key.Value;

    /// <summary>
    /// The four headers WeChat Pay signs an answer with: <c>Wechatpay-Timestamp</c>, <c>-Nonce</c>, <c>-Signature</c> (over
    /// <c>TIMESTAMP\nNONCE\nBODY\n</c>) and <c>-Serial</c>.
    /// </summary>
    /// <param name="body">The exact body bytes of the answer.</param>
    /// <param name="signedAt">The signing time; now when null. A client rejects answers signed more than 300 seconds from its clock.</param>
    /// <param name="keyId">The id to name in <c>Wechatpay-Serial</c>; <see cref="PublicKeyId"/> when null.</param>
    public static IReadOnlyDictionary<string, string> SignatureHeaders(byte[] body, DateTimeOffset? signedAt = null, string? keyId = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        return new Dictionary<string, string>
        {
            [WeChatPayHeaders.Timestamp] = timestamp,
            [WeChatPayHeaders.Nonce] = nonce,
            [WeChatPayHeaders.Signature] = Rsa.Sign(PrivateKey, SignatureMessage.ForResponse(timestamp, nonce, body)),
            [WeChatPayHeaders.Serial] = keyId ?? PublicKeyId,
        };
    }
}
