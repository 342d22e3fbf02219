using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Client;

/// <summary>The HTTP transport the client makes when none is given: never follows redirects (a redirect is not WeChat Pay's answer).</summary>
internal static class DefaultTransport
{
    /// <summary>
    /// A new transport that renews pooled connections every five minutes, so DNS changes are seen (on netstandard2.0
    /// an <c>HttpClientHandler</c>, which keeps its connections as the platform does). A response closed before its
    /// body was read (a call past its deadline) closes its connection at once: the transport's default is to wait up to
    /// two seconds draining the rest for reuse, which a synchronous call would add to its <c>Timeout</c>.
    /// </summary>
    /// <param name="clientCertificate">The certificate mutual TLS presents; null for none.</param>
    /// <param name="trustedServer">A server certificate accepted beside those the machine's roots verify; null for none.</param>
    public static HttpMessageHandler Create(X509Certificate2? clientCertificate = null, X509Certificate2? trustedServer = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false, ResponseDrainTimeout = TimeSpan.Zero };
        if (clientCertificate is not null) handler.SslOptions.ClientCertificates = [clientCertificate];
        if (trustedServer is not null)
        {
            var pinned = trustedServer.RawData;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors)
                => errors == SslPolicyErrors.None || presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(pinned);
        }
        return handler;
    }

    /// <summary>The transport for <paramref name="merchant"/>'s calls: presenting its certificate when <paramref name="mutualTls"/>.</summary>
    public static HttpMessageHandler For(Merchant merchant, bool mutualTls = false)
        => Create(mutualTls ? merchant.Certificate : null, merchant.TrustedServer);
}
