using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>A platform certificate damaged inside its public key is refused as configuration, like any other unusable key.</summary>
public class DamagedCertificateTests
{
    /// <summary>
    /// The platform certificate with one byte of its public key changed: still a certificate X.509 parsing accepts
    /// (the signature over it is not checked), but its key no longer decodes.
    /// </summary>
    private static readonly Lazy<string> DamagedInItsKey = new(() =>
    {
        var der = Rsa.LoadCertificate(Fixtures.Text("platform_cert.pem")).RawData;
        for (var at = 0; at < der.Length; at++)
        {
            var damaged = der.ToArray();
            damaged[at] ^= 0x40;
            var pem = PemEncoding.WriteString("CERTIFICATE", damaged);
            try
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                using var key = certificate.GetRSAPublicKey();
            }
            catch (CryptographicException)
            {
                try
                {
                    X509Certificate2.CreateFromPem(pem).Dispose();
                    return pem;
                }
                catch (CryptographicException)
                {
                    // Damage that stops the certificate parsing at all is the easy case; look on.
                }
            }
        }
        throw new InvalidOperationException("No single-byte change of the fixture damages only its key.");
    });

    [Test]
    public void A_certificate_damaged_inside_its_key_is_a_configuration_error()
    {
        Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(DamagedInItsKey.Value));

        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.Certs = new Dictionary<string, object> { [Fixtures.PlatformSerial] = DamagedInItsKey.Value };
        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;
        Assert.That(e.Message, Does.Contain(Fixtures.PlatformSerial));
    }
}
