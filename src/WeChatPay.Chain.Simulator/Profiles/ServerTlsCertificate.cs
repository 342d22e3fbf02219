using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// The self-signed certificate the simulator serves HTTPS with (<see cref="SimulatorSettings.Https"/>): an ECDSA P-256
/// key, named for <c>127.0.0.1</c>, <c>::1</c> and <c>localhost</c>, for server authentication only. A client trusts
/// exactly this certificate (<see cref="SimulatorProfile.TlsCertificatePath"/>); it is no certificate authority.
/// </summary>
internal static class ServerTlsCertificate
{
    /// <summary>What TLS clients accept for a leaf certificate (825 days), generous enough for a long-lived profile.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(825);

    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Writes a new key pair and certificate into the profile directory, replacing any there.</summary>
    /// <remarks>
    /// Validity is by the real clock, not the simulator's: the TLS stacks that check it know no other.
    /// </remarks>
    public static void Generate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1, O=WeChatPay.Chain Simulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthentication)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now + Lifetime);

        Directory.CreateDirectory(Path.Combine(directory, ProfileFiles.ServerFolder));
        ProfileGenerator.WriteSecret(directory, ProfileFiles.TlsPrivateKey, key.ExportPkcs8PrivateKeyPem());
        ProfileGenerator.WriteText(directory, ProfileFiles.TlsCertificate, certificate.ExportCertificatePem());
    }

    /// <summary>Whether the profile directory has both files.</summary>
    public static bool Exists(string directory)
        => File.Exists(Path.Combine(directory, ProfileFiles.TlsCertificate)) && File.Exists(Path.Combine(directory, ProfileFiles.TlsPrivateKey));

    /// <summary>The certificate joined to its private key, ready for Kestrel.</summary>
    /// <exception cref="ConfigurationException">A file is missing or unreadable, or the key is not the certificate's.</exception>
    public static X509Certificate2 Load(string certificatePath, string privateKeyPath)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, privateKeyPath);
            // Windows' TLS cannot use a key that lives only in memory; a PKCS#12 round trip gives it a stored one.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ConfigurationException($"The simulator's HTTPS certificate ({ProfileFiles.TlsCertificate} with {ProfileFiles.TlsPrivateKey}) cannot be used ({e.GetType().Name}): delete both files and load the profile again to have a new pair generated.", e);
        }
    }
}
