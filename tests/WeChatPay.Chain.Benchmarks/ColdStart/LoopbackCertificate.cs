using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>
/// A self-signed certificate for 127.0.0.1, so the cold-start child pays for a real TLS handshake, as it would
/// against api.mch.weixin.qq.com. The child trusts exactly this certificate, by its SHA-256 thumbprint.
/// </summary>
public static class LoopbackCertificate
{
    /// <summary>Creates the certificate with its private key, usable by Kestrel.</summary>
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }

    /// <summary>The thumbprint the child pins.</summary>
    public static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A transport that accepts only the certificate with <paramref name="thumbprint"/>, configured as the client's default otherwise.</summary>
    public static SocketsHttpHandler PinnedTransport(string thumbprint) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint },
    };
}
