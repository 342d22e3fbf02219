using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Compatibility;

/// <summary>
/// .NET 10's <c>CopyWithPrivateKey</c>, which netstandard2.0 lacks: the certificate and key are put in a PKCS#12 bundle
/// by BouncyCastle, under a one-time password, and read back by the platform with the key attached.
/// </summary>
internal static class CertificateWithKey
{
    extension(X509Certificate2 certificate)
    {
        /// <summary>A copy of the certificate that carries <paramref name="key"/>.</summary>
        /// <exception cref="CryptographicException">The key cannot be exported or the bundle cannot be read.</exception>
        public X509Certificate2 CopyWithPrivateKey(RSA key)
        {
            var store = new Pkcs12StoreBuilder().Build();
            var entry = new X509CertificateEntry(DotNetUtilities.FromX509Certificate(certificate));
            store.SetKeyEntry("merchant", new AsymmetricKeyEntry(DotNetUtilities.GetRsaKeyPair(key).Private), [entry]);
            var secret = new byte[24];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(secret);
            var password = Convert.ToBase64String(secret);
            using var bundle = new MemoryStream();
            store.Save(bundle, password.ToCharArray(), new SecureRandom());
            return new X509Certificate2(bundle.ToArray(), password, X509KeyStorageFlags.DefaultKeySet);
        }
    }
}
