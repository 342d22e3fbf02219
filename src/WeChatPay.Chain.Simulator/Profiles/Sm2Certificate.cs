using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.IO.Pem;
using Org.BouncyCastle.X509;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// SM2 keys and self-signed X.509 certificates signed SM2-with-SM3, as a 国密 merchant and WeChat Pay's 国密 platform
/// hold them; by BouncyCastle, since the .NET certificate classes cannot make SM2 certificates.
/// </summary>
internal static class Sm2Certificate
{
    /// <summary>Signature algorithm SM2-with-SM3 (OID 1.2.156.10197.1.501) under its BouncyCastle name.</summary>
    private const string SignatureAlgorithm = "SM3WITHSM2";

    /// <summary>A fresh SM2 key pair on sm2p256v1, named by its OID so that its PEM says which curve it is on.</summary>
    public static AsymmetricCipherKeyPair NewKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    /// <summary>A self-signed certificate for <paramref name="keys"/> with a random positive 128-bit serial.</summary>
    public static X509Certificate Issue(AsymmetricCipherKeyPair keys, string subject, DateTimeOffset notBefore, TimeSpan lifetime)
    {
        var serial = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(serial);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x10); // positive, and 32 hex digits without a leading zero
        var name = new X509Name(subject);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(1, serial));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notBefore.Add(lifetime).UtcDateTime);
        generator.SetPublicKey(keys.Public);
        return generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, keys.Private));
    }

    /// <summary>The serial in upper-case hex, as WeChat Pay writes serials.</summary>
    public static string Serial(X509Certificate certificate) => certificate.SerialNumber.ToString(16).ToUpperInvariant();

    /// <summary>A certificate as PEM.</summary>
    public static string Pem(X509Certificate certificate) => Write(new PemObject("CERTIFICATE", certificate.GetEncoded()));

    /// <summary>A private key as PKCS#8 PEM (<c>PRIVATE KEY</c>), as the merchant platform hands SM2 keys out.</summary>
    public static string Pem(AsymmetricKeyParameter privateKey) => Write(new PemObject("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetEncoded()));

    /// <summary>Reads a certificate from PEM.</summary>
    /// <exception cref="ConfigurationException">The file holds no certificate, or one without an SM2 key.</exception>
    public static (X509Certificate Certificate, ECPublicKeyParameters Key) Read(string pem, string file)
    {
        try
        {
            var certificate = new X509CertificateParser().ReadCertificate(System.Text.Encoding.ASCII.GetBytes(pem));
            if (certificate?.GetPublicKey() is ECPublicKeyParameters key) return (certificate, key);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            // Described below without BouncyCastle's message.
        }
        throw new ConfigurationException($"{file} holds no SM2 certificate.");
    }

    /// <summary>Whether the private key belongs to the public key: its point times the generator is the public point.</summary>
    public static bool SameKey(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey)
        => privateKey.Parameters.G.Multiply(privateKey.D).Normalize().Equals(publicKey.Q.Normalize());

    private static string Write(PemObject block)
    {
        using var text = new StringWriter();
        new PemWriter(text).WriteObject(block);
        return text.ToString();
    }
}
