using System.Security.Cryptography;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// One merchant's loaded settings: keys parsed once, the signer and verifier, and the pipeline steps built on them.
/// <see cref="WeChatPayClient"/> makes one from <see cref="ClientOptions"/>; build one yourself to put the steps into an
/// <see cref="HttpClient"/> you create (for example with <c>IHttpClientFactory</c>) and hand both to the client.
/// </summary>
public sealed class WeChatPayCredentials : IDisposable
{
    private readonly RetryPolicy? _retry;
    private readonly PlatformCertificateRefresher? _refresher;
    private readonly PlatformCertificateDownloader? _downloader;
    private readonly HttpMessageHandler? _ownedDownloadTransport;

    private WeChatPayCredentials(ClientOptions options, HttpMessageHandler? transport)
    {
        BaseUri = new Uri(ClientSettings.Validate(options));
        MaxResponseBodyBytes = options.MaxResponseBodyBytes;
        Time = options.TimeProvider ?? TimeProvider.System;
        Timeout = options.Timeout;
        MchId = options.MchId;
        PrivateKey = Rsa.LoadPrivateKey(options.PrivateKey, nameof(options.PrivateKey));
        PlatformKeys = PlatformKeys.Load(options.Certs, options.Serial, allowEmpty: options.AutoRefreshPlatformCertificates, merchantKey: PrivateKey);
        Signer = new RequestSigner(options.MchId, options.Serial, PrivateKey, Time);
        Verifier = new ResponseVerifier(PlatformKeys, Time);
        _retry = options.Retry;
        _retry?.Validate();
        // Checked before the refresher starts its timer, so a bad key leaves nothing running.
        if (options.ApiV3Key is not null) AeadAesGcm.ValidateKey(options.ApiV3Key);

        if (options.AutoRefreshPlatformCertificates)
        {
            if (options.ApiV3Key is null) throw new ConfigurationException("AutoRefreshPlatformCertificates needs ApiV3Key, which decrypts the downloaded certificates.");
            if (options.PlatformCertificatesRefreshInterval <= TimeSpan.Zero || options.PlatformCertificatesRefreshInterval > ClientSettings.LongestWait)
                throw new ConfigurationException("PlatformCertificatesRefreshInterval must be positive and at most 24 days.");
            if (transport is null) transport = _ownedDownloadTransport = DefaultTransport.Create();
            _downloader = new PlatformCertificateDownloader(Signer, transport, BaseUri.AbsoluteUri, options.ApiV3Key, PlatformKeys, Time, Timeout);
            _refresher = new PlatformCertificateRefresher(_downloader.DownloadAsync, PlatformKeys, Time, options.PlatformCertificatesRefreshInterval);
        }
        // Notifications share the refresher with responses: a callback signed with a freshly rotated certificate
        // fetches it on demand, within the same once-a-minute allowance.
        Notifications = options.ApiV3Key is null ? null : new NotificationReader(Verifier, options.ApiV3Key, _refresher);
    }

    /// <summary>Validates the options and loads the keys once.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable; the message names it.</exception>
    public static WeChatPayCredentials Load(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new WeChatPayCredentials(options, options.HttpMessageHandler);
    }

    /// <summary>The merchant id.</summary>
    public string MchId { get; }

    /// <summary>Where requests go, ending in <c>/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Signs requests.</summary>
    public RequestSigner Signer { get; }

    /// <summary>Verifies responses and notifications.</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>WeChat Pay's keys, by serial or <c>PUB_KEY_ID_…</c>.</summary>
    public PlatformKeys PlatformKeys { get; }

    /// <summary>
    /// Opens notifications; null without <see cref="ClientOptions.ApiV3Key"/>. With
    /// <see cref="ClientOptions.AutoRefreshPlatformCertificates"/>, a notification naming an unknown serial downloads
    /// the platform certificates first (at most once a minute, shared with responses).
    /// </summary>
    public NotificationReader? Notifications { get; }

    /// <summary>The failure of the last platform certificate refresh, or null.</summary>
    public Exception? PlatformCertificatesRefreshError => _refresher?.LastError;

    internal RSA PrivateKey { get; }

    /// <summary>Decrypts sensitive fields WeChat Pay encrypted for the merchant.</summary>
    internal ISensitiveDecryptor Decryptor => new RsaSensitiveDecryptor(PrivateKey);

    internal int MaxResponseBodyBytes { get; }

    internal TimeProvider Time { get; }

    internal TimeSpan Timeout { get; }

    /// <summary>
    /// New instances of the pipeline steps, outermost first: retry (when configured), signing, verification. Chain them
    /// in this order in front of the transport — with <c>IHttpClientFactory</c>, add them with <c>AddHttpMessageHandler</c>
    /// in this order. Each call makes new instances, as a handler belongs to one pipeline.
    /// </summary>
    public IReadOnlyList<DelegatingHandler> CreateHandlers()
    {
        var handlers = new List<DelegatingHandler>(3);
        if (_retry is not null) handlers.Add(new RetryHandler(_retry, Time));
        handlers.Add(new RequestSigningHandler(Signer));
        handlers.Add(new ResponseVerifyingHandler(Verifier, BaseUri, _refresher, MaxResponseBodyBytes));
        return handlers;
    }

    /// <summary>Stops the certificate refresher and releases what it holds.</summary>
    public void Dispose()
    {
        _refresher?.Dispose();
        _downloader?.Dispose();
        _ownedDownloadTransport?.Dispose();
    }
}
