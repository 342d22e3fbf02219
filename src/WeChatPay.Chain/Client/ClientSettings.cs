namespace WeChatPay.Chain.Client;

/// <summary>The checks every component that signs requests makes on <see cref="ClientOptions"/>.</summary>
internal static class ClientSettings
{
    /// <summary>The longest timeout, delay or interval the timers underneath take: <see cref="int.MaxValue"/> milliseconds, about 24.8 days.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Checks the merchant identity, the timeout and the base URI; returns the base URI ending in <c>/</c>.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable; the message names it.</exception>
    public static string Validate(ClientOptions options)
    {
        RequireHeaderSafe(options.MchId, nameof(options.MchId), "the merchant id, e.g. 1900000001");
        RequireHeaderSafe(options.Serial, nameof(options.Serial), "the merchant API certificate serial, e.g. `openssl x509 -in apiclient_cert.pem -noout -serial`");
        if (options.Timeout != Timeout.InfiniteTimeSpan && (options.Timeout <= TimeSpan.Zero || options.Timeout > LongestWait))
            throw new ConfigurationException("Timeout must be positive and at most 24 days (HttpClient's limit); Timeout.InfiniteTimeSpan waits for ever.");
        if (options.DownloadTimeout != Timeout.InfiniteTimeSpan && (options.DownloadTimeout <= TimeSpan.Zero || options.DownloadTimeout > LongestWait))
            throw new ConfigurationException("DownloadTimeout must be positive and at most 24 days; Timeout.InfiniteTimeSpan lets a download take as long as it keeps arriving.");
        if (options.MaxResponseBodyBytes <= 0) throw new ConfigurationException("MaxResponseBodyBytes must be positive.");
        if (options.MaxNotificationBytes <= 0) throw new ConfigurationException("MaxNotificationBytes must be positive (1 MiB unless set).");
        if (options.MaxGunzipRatio < 1) throw new ConfigurationException("MaxGunzipRatio must be at least 1 (100 unless set).");
        var baseUri = BaseUriOf(options.BaseUri, options.AllowPlainHttp);
        if (options.TrustedServerCertificate is not null) RequireTrustedServerAllowed(options);
        return baseUri;
    }

    /// <summary>A server certificate outside the machine's trust goes where plain HTTP could, and only on the client's own transport.</summary>
    private static void RequireTrustedServerAllowed(ClientOptions options)
    {
        var uri = options.BaseUri;
        if (IsWeChatPayHost(uri.Host))
            throw new ConfigurationException($"TrustedServerCertificate is set, but BaseUri {uri.GetLeftPart(UriPartial.Authority)} is WeChat Pay, whose certificates the machine's roots verify; remove it.");
        if (!uri.IsLoopback && !options.AllowPlainHttp)
            throw new ConfigurationException($"TrustedServerCertificate is accepted for a loopback BaseUri (a local simulator), or for another host with AllowPlainHttp = true; {uri.Host} is neither.");
        if (options.HttpMessageHandler is not null)
            throw new ConfigurationException("TrustedServerCertificate applies to the transport the client makes; with your own HttpMessageHandler, set its certificate validation there instead.");
    }

    private static void RequireHeaderSafe(string? value, string setting, string what)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ConfigurationException($"{setting} is not set: give {what}.");
        if (value.Any(c => c < ' ' || c == '"' || c >= 127)) throw new ConfigurationException($"{setting} has a quote, a control or a non-ASCII character: give {what}.");
    }

    private static string BaseUriOf(Uri? uri, bool allowPlainHttp)
    {
        if (uri is null || !uri.IsAbsoluteUri) throw new ConfigurationException("BaseUri must be an absolute URI such as https://api.mch.weixin.qq.com/.");
        if (uri.Scheme != Uri.UriSchemeHttps) RequirePlainHttpAllowed(uri, allowPlainHttp);
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)) throw new ConfigurationException("BaseUri must not have a query or fragment.");
        var text = uri.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }

    /// <summary>
    /// Plain HTTP goes to loopback (a local simulator), or with <see cref="ClientOptions.AllowPlainHttp"/> to another
    /// host (a simulator in a container) — never to WeChat Pay, whose hosts all answer HTTPS.
    /// </summary>
    private static void RequirePlainHttpAllowed(Uri uri, bool allowPlainHttp)
    {
        var authority = uri.GetLeftPart(UriPartial.Authority);
        if (uri.Scheme != Uri.UriSchemeHttp)
            throw new ConfigurationException($"BaseUri {authority} is not HTTPS. Give https://api.mch.weixin.qq.com/, or an http:// address for a simulator.");
        if (uri.IsLoopback) return;
        if (IsWeChatPayHost(uri.Host))
            throw new ConfigurationException($"BaseUri {authority} is not HTTPS. WeChat Pay is reached over HTTPS only: plain HTTP to a weixin.qq.com host is refused even with AllowPlainHttp. Use https://.");
        if (!allowPlainHttp)
            throw new ConfigurationException($"BaseUri {authority} is not HTTPS. Plain HTTP is accepted on loopback (a local simulator); for a simulator on another host, such as a docker-compose service, set AllowPlainHttp = true.");
    }

    private static bool IsWeChatPayHost(string host)
    {
        host = host.TrimEnd('.');
        return host.Equals(WeChatPayDomain, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + WeChatPayDomain, StringComparison.OrdinalIgnoreCase);
    }

    private const string WeChatPayDomain = "weixin.qq.com";
}
