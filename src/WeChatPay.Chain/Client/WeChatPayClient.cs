using Flurl.Http;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The static core under the chained syntax: turns (method, path template, options) into a signed Flurl request, sends
/// it through one long-lived <see cref="IFlurlClient"/>, verifies what comes back, and maps the outcome to a
/// <see cref="WeChatPayResponse"/> or a <see cref="WeChatPayException"/>, each carrying the call's
/// <see cref="WeChatPayCall"/>. Signing and verification are steps of the client's own call path, so they run the same
/// on the wire, under Flurl's <c>HttpTest</c> and over an <see cref="HttpClient"/> built elsewhere. Safe to share between
/// threads; build one per merchant and keep it for the life of the application.
/// </summary>
public sealed partial class WeChatPayClient : IChainSender, IDisposable
{
    private readonly Merchant _merchant;
    private readonly CallPipeline _pipeline;
    private readonly bool _ownsFlurl;
    private readonly PlatformCertificateDownloader? _downloader;
    private readonly PlatformCertificateRefresher? _refresher;
    private readonly NotificationReader? _notifications;
    private readonly ApiV2NotificationReader? _notificationsV2;
    private readonly ISensitiveDecryptor _decryptor;
    private readonly Func<ISensitiveEncryptor> _encryptor;

    /// <summary>
    /// Validates the options, loads the keys once, and builds the call path over a Flurl client of its own, whose
    /// <see cref="HttpClient"/> sends through <see cref="ClientOptions.HttpMessageHandler"/> (or a transport it makes).
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable; the message names it.</exception>
    public WeChatPayClient(ClientOptions options) : this(options, null, sendsVerbatimTargets: true) { }

    /// <summary>
    /// Sends through an <see cref="HttpClient"/> you built — for example from <c>IHttpClientFactory</c>, with your own
    /// handlers (Polly, logging) inside. Requests are signed and responses verified all the same: those are steps of the
    /// client's call path, not handlers. The client does not dispose the <see cref="HttpClient"/>. Flurl takes over its
    /// timeout (<see cref="ClientOptions.Timeout"/> applies), so give one that has not sent anything yet.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is unusable, or the <see cref="HttpClient"/> has sent requests already or is disposed.</exception>
    public WeChatPayClient(ClientOptions options, HttpClient httpClient) : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), sendsVerbatimTargets: false) { }

    /// <param name="options">The merchant's settings.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> built elsewhere, or null for one of the client's own.</param>
    /// <param name="sendsVerbatimTargets">Whether the <see cref="HttpClient"/>'s pipeline starts with a <see cref="WireHandler"/> (always for the client's own).</param>
    /// <param name="mutualTlsHttpClient">
    /// Under <c>IHttpClientFactory</c>: makes the <see cref="HttpClient"/> of <c>security = true</c> calls, the factory's
    /// pipeline over a transport that presents <see cref="Merchant.Certificate"/>; null for a transport of the client's own.
    /// </param>
    internal WeChatPayClient(ClientOptions options, HttpClient? httpClient, bool sendsVerbatimTargets, Func<HttpClient>? mutualTlsHttpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _merchant = Merchant.Load(options, allowEmptyCerts: options.AutoRefreshPlatformCertificates);
        if (options.AutoRefreshPlatformCertificates)
        {
            if (options.ApiV3Key is null) throw new ConfigurationException("AutoRefreshPlatformCertificates needs ApiV3Key, which decrypts the downloaded certificates.");
            if (options.PlatformCertificatesRefreshInterval <= TimeSpan.Zero || options.PlatformCertificatesRefreshInterval > ClientSettings.LongestWait)
                throw new ConfigurationException("PlatformCertificatesRefreshInterval must be positive and at most 24 days.");
        }
        FlurlClient = httpClient is null ? FlurlClients.Over(options.HttpMessageHandler, _merchant) : FlurlClients.Wrap(httpClient);
        _ownsFlurl = httpClient is null;
        // Mutual TLS needs a transport that presents the merchant certificate, made on first use: the client's own, or
        // under IHttpClientFactory the factory's pipeline over it, so that the application's handlers see those calls
        // too. A transport the caller made (HttpMessageHandler) is theirs to give the certificate to.
        Func<IFlurlClient>? mutualTls = _merchant.Certificate is null || options.HttpMessageHandler is not null ? null
            : mutualTlsHttpClient is null ? () => FlurlClients.Over(null, _merchant, mutualTls: true)
            : () => FlurlClients.Wrap(mutualTlsHttpClient());
        _pipeline = new CallPipeline(FlurlClient, _merchant, mutualTls, sendsVerbatimTargets);
        if (options.AutoRefreshPlatformCertificates)
        {
            // Responses and notifications share one refresher: a message signed with a freshly rotated certificate
            // fetches it on demand, within the same once-a-minute allowance.
            _downloader = new PlatformCertificateDownloader(_pipeline, options.ApiV3Key!);
            _refresher = new PlatformCertificateRefresher(_downloader.DownloadAsync, _merchant.PlatformKeys, _merchant.Time, options.PlatformCertificatesRefreshInterval);
            _pipeline.Refresher = _refresher;
        }
        _notifications = options.ApiV3Key is null ? null : new NotificationReader(_merchant.Verifier, options.ApiV3Key, _refresher) { MaxBodyBytes = options.MaxNotificationBytes };
        _notificationsV2 = _merchant.ApiV2Key is { } apiV2Key ? new ApiV2NotificationReader(apiV2Key) : null;
        _decryptor = _merchant.PrivateKey.Decryptor;
        _encryptor = _merchant.PlatformKeys.Encryptor;
        Root = new ChainRoot(this);
    }

    /// <summary>The merchant id requests are signed for.</summary>
    public string MchId => _merchant.MchId;

    /// <summary>The merchant's loaded settings and keys, for the transport of its mutual TLS calls under <c>IHttpClientFactory</c>.</summary>
    internal Merchant Merchant => _merchant;

    /// <summary>Where requests go.</summary>
    public Uri BaseUri => _merchant.BaseUri;

    /// <summary>The signer, for requests built outside the client.</summary>
    public RequestSigner Signer => _merchant.Signer;

    /// <summary>The verifier, for notifications and responses received outside the client.</summary>
    public ResponseVerifier Verifier => _merchant.Verifier;

    /// <summary>The platform keys responses are verified with.</summary>
    public PlatformKeys PlatformKeys => _merchant.PlatformKeys;

    /// <summary>
    /// The Flurl client every call goes through. Add <c>BeforeCall</c>, <c>AfterCall</c> and <c>OnError</c> handlers to it as
    /// to any Flurl client: <c>BeforeCall</c> sees the request signed, <c>AfterCall</c> the response verified (a failed
    /// verification is its <c>Exception</c>). Each attempt of a call is one Flurl call. Redirects, the accepted statuses and
    /// the timeout are the library's, set on each request: <see cref="ClientOptions.Timeout"/> governs.
    /// </summary>
    public IFlurlClient FlurlClient { get; }

    /// <summary>Verifies and decrypts callback notifications with this client's platform keys and APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The client was built without <see cref="ClientOptions.ApiV3Key"/>.</exception>
    public NotificationReader Notifications => _notifications
        ?? throw new ConfigurationException("ApiV3Key is not set: notifications cannot be decrypted. Set ClientOptions.ApiV3Key to the 32-character APIv3 key.");

    /// <summary>Verifies APIv2 payment notifications and decrypts APIv2 refund notifications with the APIv2 key.</summary>
    /// <exception cref="ConfigurationException">The client was built without <see cref="ClientOptions.ApiV2Key"/>.</exception>
    public ApiV2NotificationReader NotificationsV2 => _notificationsV2
        ?? throw new ConfigurationException("ApiV2Key is not set: APIv2 notifications cannot be verified or decrypted. Set ClientOptions.ApiV2Key to the 32-character APIv2 key.");

    /// <summary>
    /// The id (<c>PUB_KEY_ID_…</c> or certificate serial) of the key <see cref="Encrypt"/> and <see cref="Sensitive"/> use
    /// at this moment. With auto-refreshing platform certificates it can change between two reads: to pair a
    /// ciphertext with its id, use <see cref="EncryptForPlatform"/>.
    /// </summary>
    public string EncryptionKeyId => PlatformKeys.EncryptionKeyId;

    /// <summary>
    /// Encrypts a sensitive value for WeChat Pay with the key <see cref="EncryptionKeyId"/> names (RSAES-OAEP, SHA-1; SM2
    /// encryption when the key is SM2).
    /// Prefer <see cref="EncryptForPlatform"/>, which also returns the id for the <c>Wechatpay-Serial</c> header — or put
    /// <see cref="Sensitive"/> values in <c>json</c> and let the client do both.
    /// </summary>
    public string Encrypt(string plaintext) => PlatformKeys.Encryptor().Encrypt(plaintext);

    /// <summary>
    /// Encrypts a sensitive value for WeChat Pay (RSAES-OAEP, SHA-1; or SM2 for an SM2 key) and returns the ciphertext with the id of the key
    /// that encrypted it, both taken from one snapshot of <see cref="PlatformKeys"/>. Send <c>KeyId</c> as the request's
    /// <c>Wechatpay-Serial</c> header: unlike reading <see cref="Encrypt"/> and <see cref="EncryptionKeyId"/> one after the
    /// other, a platform certificate refresh in between cannot make the header name another key.
    /// </summary>
    /// <exception cref="ConfigurationException">No WeChat Pay key is known yet.</exception>
    public (string Ciphertext, string KeyId) EncryptForPlatform(string plaintext)
    {
        var encryptor = PlatformKeys.Encryptor();
        return (encryptor.Encrypt(plaintext), encryptor.KeyId);
    }

    /// <summary>Decrypts a sensitive field of a response with the merchant private key (RSAES-OAEP, or SM2 for a 国密 merchant).</summary>
    /// <exception cref="DecryptionException">It was not encrypted for this merchant's key.</exception>
    public string Decrypt(string ciphertext) => _decryptor.Decrypt(ciphertext);

    /// <summary>
    /// The root of the chained syntax: <c>((dynamic)client.Root).V3.Pay.Transactions…</c>. It is a <see cref="ChainRoot"/>,
    /// whose <see cref="ChainRoot.Client"/> leads back here.
    /// </summary>
    public ChainNode Root { get; }

    /// <summary>A node for a path given verbatim, as <c>$instance->chain('v3/…')</c> in PHP.</summary>
    public ChainNode Chain(string path) => Root.Chain(path);

    /// <summary>The failure of the last platform certificate refresh, or null (see <see cref="ClientOptions.AutoRefreshPlatformCertificates"/>).</summary>
    public Exception? PlatformCertificatesRefreshError => _refresher?.LastError;

    /// <summary>Called with the record of every call when it ends, successful or not; for the DI package's log line.</summary>
    internal Action<WeChatPayCall>? CallEnded { get; set; }

    /// <summary>Stops refreshing and releases the Flurl client (with its connections) when the client made it.</summary>
    public void Dispose()
    {
        _refresher?.Dispose();
        if (_ownsFlurl) FlurlClient.Dispose();
        _pipeline.MutualTlsClient?.Dispose();
    }
}
