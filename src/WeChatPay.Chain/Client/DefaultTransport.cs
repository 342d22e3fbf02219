namespace WeChatPay.Chain.Client;

/// <summary>The HTTP transport the client makes when none is given: never follows redirects (a redirect is not WeChat Pay's answer).</summary>
internal static class DefaultTransport
{
    /// <summary>A new transport; on .NET 10 a <c>SocketsHttpHandler</c> that renews pooled connections every five minutes, so DNS changes are seen.</summary>
    public static HttpMessageHandler Create() =>
#if NET
        new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
#else
        new HttpClientHandler { AllowAutoRedirect = false };
#endif
}
