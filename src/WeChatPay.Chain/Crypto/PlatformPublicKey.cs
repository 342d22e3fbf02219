using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// One of WeChat Pay's public keys, RSA or SM2, from a platform certificate or a WeChat Pay public key: what verifies
/// its signatures and encrypts sensitive fields for it. The key's kind decides the algorithms; nothing else chooses.
/// </summary>
internal sealed class PlatformPublicKey
{
    /// <summary>The OID of an elliptic-curve public key, which SM2 keys are (on the sm2p256v1 curve).</summary>
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>The OID some SM2 certificates give their key algorithm instead.</summary>
    private const string Sm2KeyOid = "1.2.156.10197.1.301";

    private readonly ECPublicKeyParameters? _sm2;

    private PlatformPublicKey(RSA rsa) => Rsa = rsa;

    private PlatformPublicKey(ECPublicKeyParameters sm2) => _sm2 = sm2;

    /// <summary>The RSA key; null for an SM2 key.</summary>
    public RSA? Rsa { get; }

    /// <summary>The scheme this key verifies.</summary>
    public SignatureScheme Scheme => _sm2 is null ? SignatureScheme.Rsa2048WithSha256 : SignatureScheme.Sm2WithSm3;

    /// <summary>Wraps an RSA key.</summary>
    public static PlatformPublicKey Of(RSA rsa) => new(rsa);

    /// <summary>
    /// Loads a key from an <see cref="RSA"/>, an <see cref="X509Certificate2"/>, PEM (a public key or a certificate) or a
    /// <c>file://</c> path to PEM. An elliptic-curve key is read as SM2; anything else goes to the RSA loader, which names what is wrong.
    /// </summary>
    /// <exception cref="ConfigurationException">The value holds no usable public key.</exception>
    public static PlatformPublicKey Load(object? value, string setting)
    {
        switch (value)
        {
            case RSA rsa:
                return new PlatformPublicKey(rsa);
            case X509Certificate2 certificate:
                return FromCertificate(certificate, setting);
            case string text:
                var (pem, _) = Crypto.Rsa.ReadPem(text, setting);
                switch (Pem.FirstBlock(pem))
                {
                    case ("CERTIFICATE", _):
                        using (var certificate = Crypto.Rsa.LoadCertificate(pem, setting))
                            return FromCertificate(certificate, setting);
                    case ("PUBLIC KEY", var der) when IsEllipticCurve(der):
                        return new PlatformPublicKey(Sm2.LoadPublicKey(pem, setting));
                }
                break;
        }
        return new PlatformPublicKey(Crypto.Rsa.LoadPublicKey(value, setting));
    }

    /// <summary>The key of a certificate: SM2 when it is an elliptic-curve key, else RSA.</summary>
    /// <exception cref="ConfigurationException">The certificate's key is unusable.</exception>
    public static PlatformPublicKey FromCertificate(X509Certificate2 certificate, string setting)
    {
        if (certificate.PublicKey.Oid.Value is not (EcPublicKeyOid or Sm2KeyOid))
            return new PlatformPublicKey(Crypto.Rsa.LoadPublicKey(certificate, setting));
        try
        {
            var info = X509CertificateStructure.GetInstance(certificate.RawData).SubjectPublicKeyInfo;
            return new PlatformPublicKey(Sm2.PublicKeyOf(info, setting));
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{setting}: the certificate {Crypto.Rsa.CertificateSerial(certificate)} has a damaged elliptic-curve key ({e.GetType().Name}).");
        }
    }

    /// <summary>Whether <paramref name="signature"/> (Base64) is this key's signature of <paramref name="message"/>; false, never an exception, when malformed.</summary>
    public bool Verify(ReadOnlySpan<byte> message, string signature)
        => _sm2 is null ? Crypto.Rsa.Verify(Rsa!, message, signature) : Sm2.Verify(_sm2, message.ToArray(), signature);

    /// <summary>An encryptor of sensitive fields for this key, which the request names by <paramref name="keyId"/>.</summary>
    public ISensitiveEncryptor Encryptor(string keyId)
        => _sm2 is null ? new RsaSensitiveEncryptor(keyId, Rsa!) : new Sm2SensitiveEncryptor(keyId, _sm2);

    /// <summary>
    /// Why a signature that failed cannot be this key's at all: a signature of the other scheme's shape (an SM2 signature
    /// is a DER SEQUENCE of two integers, at most 72 bytes; an RSA one is as long as its key, 256 bytes or more) means
    /// the key is of the wrong kind. Null otherwise.
    /// </summary>
    public string? KindMismatch(string signature)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return null;
        }
        if (_sm2 is not null)
            return bytes.Length >= 128 ? $"The signature is {bytes.Length} bytes, the size of an RSA signature, but the key is SM2: the answer is signed with RSA, so the client needs WeChat Pay's RSA platform certificate or public key." : null;
        var derSequence = bytes.Length is >= 8 and <= 72 && bytes[0] == 0x30 && bytes[1] == bytes.Length - 2;
        return derSequence ? "The signature has the shape of an SM2 signature but the key is RSA: the answer is signed in 国密 (SM2), so the client needs WeChat Pay's SM2 platform certificate and Scheme = Sm2WithSm3." : null;
    }

    /// <summary>
    /// The key's public half as text, to compare keys of either kind: RSA modulus and exponent without leading zeros,
    /// or the SM2 point. Null for an RSA key that does not let even its public half be read, which then goes unchecked.
    /// </summary>
    public string? Fingerprint()
    {
        if (_sm2 is not null) return "SM2:" + Convert.ToHexString(_sm2.Q.GetEncoded(false));
        RSAParameters parameters;
        try
        {
            parameters = Rsa!.ExportParameters(includePrivateParameters: false);
        }
        catch (CryptographicException)
        {
            return null;
        }
        return parameters is { Modulus: { } modulus, Exponent: { } exponent } ? Hex(modulus) + ":" + Hex(exponent) : null;

        static string Hex(byte[] bytes) => Convert.ToHexString(bytes.SkipWhile(b => b == 0).ToArray());
    }

    private static bool IsEllipticCurve(byte[] der)
    {
        try
        {
            return SubjectPublicKeyInfo.GetInstance(der).Algorithm.Algorithm.Id is EcPublicKeyOid or Sm2KeyOid;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
