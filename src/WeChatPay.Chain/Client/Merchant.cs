using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// One merchant's <see cref="ClientOptions"/>, checked and loaded once: its keys, the signer and verifier built on them,
/// where calls go and the limits they run under. Holds nothing that needs disposing.
/// </summary>
internal sealed class Merchant
{
    private Merchant(ClientOptions options, bool allowEmptyCerts)
    {
        BaseUriText = ClientSettings.Validate(options);
        BaseUri = new Uri(BaseUriText);
        MaxResponseBodyBytes = options.MaxResponseBodyBytes;
        Time = options.TimeProvider ?? TimeProvider.System;
        Timeout = options.Timeout;
        DownloadTimeout = options.DownloadTimeout;
        MaxGunzipRatio = options.MaxGunzipRatio;
        MchId = options.MchId;
        PrivateKey = MerchantPrivateKey.Load(options.PrivateKey, options.Scheme, nameof(options.PrivateKey));
        PlatformKeys = PlatformKeys.Load(options.Certs, options.Serial, allowEmptyCerts, PrivateKey.PublicFingerprint(), Time, PrivateKey.Scheme);
        Signer = new RequestSigner(options.MchId, options.Serial, PrivateKey.Signer, Time);
        Verifier = new ResponseVerifier(PlatformKeys, Time);
        Retry = options.Retry;
        Retry?.Validate();
        if (options.ApiV3Key is not null) AeadAesGcm.ValidateKey(options.ApiV3Key);
        ApiV2Key = options.ApiV2Key is null ? null : new ApiV2Key(options.ApiV2Key);
        Certificate = options.MerchantCertificate is null ? null : MerchantCertificate.Load(options.MerchantCertificate, PrivateKey.Rsa
            ?? throw new ConfigurationException("MerchantCertificate is for APIv2's mutual TLS, which takes the RSA merchant certificate and key; PrivateKey is an SM2 key (国密). Give APIv2 its own client with the RSA apiclient_key.pem."));
        TrustedServer = options.TrustedServerCertificate switch
        {
            null => null,
            X509Certificate2 given => given,
            string text => Rsa.LoadCertificate(text, nameof(options.TrustedServerCertificate)),
            var other => throw new ConfigurationException($"TrustedServerCertificate is a {other.GetType().Name}; give the PEM certificate (text or file://…) or an X509Certificate2."),
        };
    }

    /// <summary>Checks the options and loads the keys; <paramref name="allowEmptyCerts"/> when the platform certificates are to be downloaded.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable; the message names it.</exception>
    public static Merchant Load(ClientOptions options, bool allowEmptyCerts)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Merchant(options, allowEmptyCerts);
    }

    /// <summary>The merchant id.</summary>
    public string MchId { get; }

    /// <summary>Where requests go, ending in <c>/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary><see cref="BaseUri"/> as text, the one string request URIs are built on.</summary>
    public string BaseUriText { get; }

    /// <summary>The merchant private key, RSA or SM2.</summary>
    public MerchantPrivateKey PrivateKey { get; }

    /// <summary>WeChat Pay's keys, by serial or <c>PUB_KEY_ID_…</c>.</summary>
    public PlatformKeys PlatformKeys { get; }

    /// <summary>Signs requests.</summary>
    public RequestSigner Signer { get; }

    /// <summary>Verifies responses and notifications.</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>When to repeat a call; null to send each once.</summary>
    public RetryPolicy? Retry { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>How long a call may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long a whole file download may take.</summary>
    public TimeSpan DownloadTimeout { get; }

    /// <summary>How many times the gzip bytes read an unpacked download may grow past its allowance.</summary>
    public int MaxGunzipRatio { get; }

    /// <summary>The largest body read into memory.</summary>
    public int MaxResponseBodyBytes { get; }

    /// <summary>The APIv2 key; null when APIv2 is not configured.</summary>
    public ApiV2Key? ApiV2Key { get; }

    /// <summary>The merchant API certificate with its private key, for mutual TLS; null when not configured.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>A server certificate accepted beside those the machine trusts; null for none.</summary>
    public X509Certificate2? TrustedServer { get; }
}
