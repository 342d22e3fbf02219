using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Client;

/// <summary>The HTTP transport the client makes when none is given: never follows redirects (a redirect is not WeChat Pay's answer).</summary>
internal static class DefaultTransport
{
    /// <summary>
    /// A new transport that renews pooled connections every five minutes, so DNS changes are seen (on netstandard2.0
    /// an <c>HttpClientHandler</c>, which keeps its connections as the platform does).
    /// </summary>
    /// <param name="clientCertificate">The certificate mutual TLS presents; null for none.</param>
    public static HttpMessageHandler Create(X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        if (clientCertificate is not null) handler.SslOptions.ClientCertificates = [clientCertificate];
        return handler;
    }
}
