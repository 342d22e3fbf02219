namespace WeChatPay.Chain.Client;

/// <summary>The HTTP transport the client makes when none is given: never follows redirects (a redirect is not WeChat Pay's answer).</summary>
internal static class DefaultTransport
{
    /// <summary>
    /// A new transport that renews pooled connections every five minutes, so DNS changes are seen (on netstandard2.0
    /// an <c>HttpClientHandler</c>, which keeps its connections as the platform does).
    /// </summary>
    public static HttpMessageHandler Create() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
}
