using WeChatPay.Chain.Certificates;
namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// The file names inside a profile directory. Client-facing files sit at the top, named as the merchant platform names
/// them, so a profile looks like a real merchant's key folder; the simulator's own secrets live under <c>simulator/</c>.
/// </summary>
internal static class ProfileFiles
{
    public const string ProfileJson = "profile.json";
    public const string MerchantPrivateKey = "apiclient_key.pem";
    public const string MerchantCertificate = "apiclient_cert.pem";
    public const string PlatformPublicKey = "pub_key.pem";
    public const string ServerFolder = "simulator";
    public const string ServerJson = "simulator/server.json";
    public const string PlatformPrivateKey = "simulator/platform_key.pem";

    /// <summary>The merchant's 国密 (SM2) private key, beside the RSA one.</summary>
    public const string MerchantSm2PrivateKey = "apiclient_sm2_key.pem";

    /// <summary>The merchant's 国密 (SM2) certificate.</summary>
    public const string MerchantSm2Certificate = "apiclient_sm2_cert.pem";

    /// <summary>The 国密 platform private key: the simulator's own secret.</summary>
    public const string PlatformSm2PrivateKey = "simulator/platform_sm2_key.pem";

    /// <summary>The HTTPS server certificate, which a client must trust to reach the simulator over TLS: public.</summary>
    public const string TlsCertificate = "simulator/tls_cert.pem";

    /// <summary>The HTTPS server certificate's private key: the simulator's own secret.</summary>
    public const string TlsPrivateKey = "simulator/tls_key.pem";

    /// <summary>WeChat Pay's own downloads are named after the certificate serial; so is ours.</summary>
    public static string PlatformCertificate(string serial) => $"wechatpay_{serial}.pem";
}
