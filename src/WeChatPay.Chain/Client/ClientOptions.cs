namespace WeChatPay.Chain.Client;

/// <summary>
/// What a client needs to call WeChat Pay APIv3 for one merchant, like wechatpay-php's <c>Builder::factory</c> config:
/// <c>mchid</c>, <c>serial</c>, <c>privateKey</c>, <c>certs</c>. Keys are loaded once, when the client is built.
/// </summary>
public sealed class ClientOptions
{
    /// <summary>The default endpoint of WeChat Pay APIv3.</summary>
    public static readonly Uri DefaultBaseUri = new("https://api.mch.weixin.qq.com/");

    /// <summary>The merchant id (<c>mchid</c>), digits only.</summary>
    public string MchId { get; set; } = "";

    /// <summary>The serial number of the merchant API certificate (<c>apiclient_cert.pem</c>), as shown in the merchant platform.</summary>
    public string Serial { get; set; } = "";

    /// <summary>
    /// The merchant private key (<c>apiclient_key.pem</c>): an <see cref="System.Security.Cryptography.RSA"/>,
    /// a PEM string (PKCS#8 or PKCS#1), or <c>file:///path/to/apiclient_key.pem</c>. An SM2 key (PKCS#8, or SEC1
    /// <c>EC PRIVATE KEY</c>) makes the client 国密: see <see cref="Scheme"/>.
    /// </summary>
    public object? PrivateKey { get; set; }

    /// <summary>
    /// How requests are signed and answers verified: RSA (<c>WECHATPAY2-SHA256-RSA2048</c>) or 国密 SM2 with SM3
    /// (<c>WECHATPAY2-SM2-WITH-SM3</c>). Null, the default, follows from <see cref="PrivateKey"/>: an SM2 key means 国密.
    /// When set, the key must be of that kind. Verification follows each platform key's own kind.
    /// </summary>
    public SignatureScheme? Scheme { get; set; }

    /// <summary>
    /// WeChat Pay's keys that responses are verified with, keyed by platform certificate serial or <c>PUB_KEY_ID_…</c>.
    /// Values: <see cref="System.Security.Cryptography.RSA"/>, <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2"/>,
    /// PEM public key, PEM certificate, or a <c>file://</c> path to either. Never the merchant's own certificate.
    /// </summary>
    public IDictionary<string, object> Certs { get; set; } = new Dictionary<string, object>();

    /// <summary>
    /// The 32-character APIv3 key, needed only to decrypt notifications and downloaded certificates
    /// (see <see cref="WeChatPayClient.Notifications"/>). Never logged.
    /// </summary>
    public string? ApiV3Key { get; set; }

    /// <summary>
    /// The 32-character APIv2 key, which signs and verifies APIv2 calls (paths starting <c>v2/</c>) and decrypts APIv2
    /// refund notifications. Needed only for APIv2. Never logged.
    /// </summary>
    public string? ApiV2Key { get; set; }

    /// <summary>
    /// The merchant API certificate (<c>apiclient_cert.pem</c>) that APIv2 calls with <c>security = true</c> present over
    /// mutual TLS (refunds, red packets, transfers): a PEM string, <c>file:///path/to/apiclient_cert.pem</c> (either paired
    /// with <see cref="PrivateKey"/>), or an <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2"/>
    /// that carries its private key (loaded from <c>apiclient_cert.p12</c>, say). Needed only for those calls, which go
    /// through a transport the client makes for them (under <c>AddWeChatPay</c>, a second <c>IHttpClientFactory</c>
    /// pipeline with the application's handlers); with <see cref="HttpMessageHandler"/> set, give that handler the
    /// certificate instead.
    /// </summary>
    public object? MerchantCertificate { get; set; }

    /// <summary>
    /// Keep platform certificates current by downloading them from <c>GET /v3/certificates</c> on a schedule
    /// (<see cref="PlatformCertificatesRefreshInterval"/>) and whenever a response or a notification names an unknown
    /// serial (at most once a minute). Needs <see cref="ApiV3Key"/>; <see cref="Certs"/> may then start empty. Off by
    /// default: merchants using the WeChat Pay public key (<c>PUB_KEY_ID_…</c>) have no platform certificates.
    /// </summary>
    public bool AutoRefreshPlatformCertificates { get; set; }

    /// <summary>How often <see cref="AutoRefreshPlatformCertificates"/> downloads; 12 hours unless set.</summary>
    public TimeSpan PlatformCertificatesRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Where requests go; <see cref="DefaultBaseUri"/> unless set (the backup domain
    /// <c>https://api2.mch.weixin.qq.com/</c>, or a simulator). Plain HTTP is accepted for loopback hosts, and for other
    /// hosts only with <see cref="AllowPlainHttp"/>.
    /// </summary>
    public Uri BaseUri { get; set; } = DefaultBaseUri;

    /// <summary>
    /// Accept an <c>http://</c> <see cref="BaseUri"/> on a host other than loopback: for a simulator on another machine or
    /// container, such as a docker-compose service (<c>http://simulator:8080/</c>). Requests are still signed and responses
    /// still verified, but nothing protects them on the way. Never for WeChat Pay itself: a <c>*.weixin.qq.com</c> host is
    /// refused over plain HTTP even when this is set. Off by default.
    /// </summary>
    public bool AllowPlainHttp { get; set; }

    /// <summary>
    /// A TLS server certificate to accept from <see cref="BaseUri"/> although no root this machine trusts issued it: the
    /// self-signed certificate of a simulator or test server (<c>wxpay sim --https</c> writes one). The server is then
    /// accepted when it presents exactly this certificate, or a certificate the machine trusts. PEM text,
    /// <c>file://…</c>, or an <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2"/>. Taken only
    /// where plain HTTP would be (loopback, or with <see cref="AllowPlainHttp"/>), never for a weixin.qq.com host, and
    /// only on the client's own transport (not with <see cref="HttpMessageHandler"/>).
    /// </summary>
    public object? TrustedServerCertificate { get; set; }

    /// <summary>
    /// The transport under the signing and verifying steps; when null, a new one that does not follow redirects
    /// (<c>SocketsHttpHandler</c> on .NET 10, <c>HttpClientHandler</c> on netstandard2.0).
    /// Give your own to add proxies, logging handlers or an in-memory stub; it is disposed with the client only if the
    /// client created it.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// How long one call may take, from sending to the end of the body; for downloads, which may be large, how long to
    /// wait for the answer's head and then for each further piece of the body (the whole download is bounded by
    /// <see cref="DownloadTimeout"/>). 30 seconds unless set. A call past it ends within a few milliseconds, sync and
    /// async alike: the connection is closed, not drained first (allow up to a second on a heavily loaded machine).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a whole file download (<see cref="WeChatPayClient.DownloadAsync(string, Stream, DownloadOptions?, CancellationToken)"/>,
    /// <c>DownloadToFile…</c>, <c>DownloadBill…</c>, <c>DownloadV2…</c>) may take, from sending to the last byte: a server
    /// that keeps sending a little at a time, each piece within <see cref="Timeout"/>, is cut off here. On expiry the
    /// download fails as a <see cref="TransportException"/> with <see cref="TransportException.IsTimeout"/> set, whose
    /// message says how many bytes had been written to the destination (discard them; a download to a file leaves none).
    /// <see cref="DefaultDownloadTimeout"/> (10 minutes) unless set, enough for the largest bill over a slow link;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no bound.
    /// </summary>
    public TimeSpan DownloadTimeout { get; set; } = DefaultDownloadTimeout;

    /// <summary>The default of <see cref="DownloadTimeout"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultDownloadTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many times larger than the gzip bytes read so far an unpacked download (<see cref="DownloadOptions.Gunzip"/>,
    /// <c>gunzip: true</c>) may grow once past its first 16 MiB, which are always allowed. Bills compress about 5 to 20
    /// times; a file that unpacks further is stopped before the bytes over the bound are written, as a
    /// <see cref="ResponseFormatException"/> that names this setting. <see cref="DefaultMaxGunzipRatio"/> (100) unless set.
    /// </summary>
    public int MaxGunzipRatio { get; set; } = DefaultMaxGunzipRatio;

    /// <summary>The default of <see cref="MaxGunzipRatio"/>: 100.</summary>
    public const int DefaultMaxGunzipRatio = 100;

    /// <summary>
    /// Repeat 202, 429 and 5xx answers with back-off, each attempt signed afresh (see <see cref="RetryPolicy"/>).
    /// Null (the default) sends each call once. <see cref="Timeout"/> covers all attempts of a call together.
    /// </summary>
    public RetryPolicy? Retry { get; set; }

    /// <summary>
    /// The largest response body read into memory (file downloads stream and are not limited). 16 MiB unless set;
    /// a larger body is a <see cref="ResponseFormatException"/>, not an out-of-memory condition.
    /// </summary>
    public int MaxResponseBodyBytes { get; set; } = DefaultMaxResponseBodyBytes;

    /// <summary>The default of <see cref="MaxResponseBodyBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxResponseBodyBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The largest notification body <see cref="WeChatPayClient.Notifications"/> reads. A WeChat Pay notification is a
    /// few kilobytes; a larger body is refused before its signature is checked or it is parsed, with a
    /// <see cref="ResponseFormatException"/> that names this setting. <see cref="DefaultMaxNotificationBytes"/> (1 MiB)
    /// unless set, as the ASP.NET Core endpoint's own bound.
    /// </summary>
    public int MaxNotificationBytes { get; set; } = DefaultMaxNotificationBytes;

    /// <summary>The default of <see cref="MaxNotificationBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxNotificationBytes = Notifications.NotificationReader.DefaultMaxBodyBytes;

    /// <summary>The clock for request timestamps and the response time window; the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
