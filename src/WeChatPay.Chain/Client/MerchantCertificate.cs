using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>The merchant API certificate that mutual TLS presents, read from <see cref="ClientOptions.MerchantCertificate"/>.</summary>
internal static class MerchantCertificate
{
    private const string Setting = nameof(ClientOptions.MerchantCertificate);

    /// <summary>
    /// The certificate with its private key: an <see cref="X509Certificate2"/> that carries one as it is, or a PEM
    /// certificate joined to <paramref name="privateKey"/>, which must be the key the certificate was issued for.
    /// </summary>
    /// <exception cref="ConfigurationException">Not a certificate, no private key, or not the merchant key's certificate.</exception>
    public static X509Certificate2 Load(object setting, RSA privateKey)
    {
        switch (setting)
        {
            case X509Certificate2 { HasPrivateKey: true } given:
                return given;
            case X509Certificate2:
                throw new ConfigurationException($"{Setting} is an X509Certificate2 without its private key; load apiclient_cert.p12 with its password (X509CertificateLoader.LoadPkcs12FromFile), or give the PEM certificate and let PrivateKey supply the key.");
            case string text:
                var certificate = Rsa.LoadCertificate(text, Setting);
                using (var publicKey = certificate.GetRSAPublicKey())
                {
                    if (publicKey is null || !SameKey(publicKey, privateKey))
                        throw new ConfigurationException($"{Setting} (serial {Rsa.CertificateSerial(certificate)}) was not issued for PrivateKey: give the apiclient_cert.pem that belongs with apiclient_key.pem.");
                }
                try
                {
                    return certificate.CopyWithPrivateKey(privateKey);
                }
                catch (CryptographicException e)
                {
                    throw new ConfigurationException($"{Setting} cannot be joined to PrivateKey for mutual TLS ({e.GetType().Name}); give an X509Certificate2 loaded from apiclient_cert.p12 instead.", e);
                }
            default:
                throw new ConfigurationException($"{Setting} is a {setting.GetType().Name}; give the PEM certificate (text or file://…/apiclient_cert.pem) or an X509Certificate2 with its private key.");
        }
    }

    private static bool SameKey(RSA certificateKey, RSA privateKey)
    {
        var a = certificateKey.ExportParameters(false);
        var b = privateKey.ExportParameters(false);
        return a.Modulus.AsSpan().SequenceEqual(b.Modulus) && a.Exponent.AsSpan().SequenceEqual(b.Exponent);
    }
}
