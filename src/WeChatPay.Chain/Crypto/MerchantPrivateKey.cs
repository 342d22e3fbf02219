using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The merchant private key, RSA or SM2, loaded once: what signs requests and decrypts the sensitive fields WeChat Pay
/// encrypted for the merchant. Its kind is the merchant's <see cref="SignatureScheme"/>.
/// </summary>
internal sealed class MerchantPrivateKey
{
    private readonly ECPrivateKeyParameters? _sm2;

    private MerchantPrivateKey(RSA? rsa, ECPrivateKeyParameters? sm2)
    {
        Rsa = rsa;
        _sm2 = sm2;
        Signer = sm2 is null ? new RsaSigner(rsa!) : new Sm2Signer(sm2);
        Decryptor = sm2 is null ? new RsaSensitiveDecryptor(rsa!) : new Sm2SensitiveDecryptor(sm2);
    }

    /// <summary>The RSA key; null for an SM2 key.</summary>
    public RSA? Rsa { get; }

    /// <summary>The scheme the key signs in.</summary>
    public SignatureScheme Scheme => Signer.Scheme;

    /// <summary>Signs requests.</summary>
    public ISigner Signer { get; }

    /// <summary>Decrypts sensitive fields encrypted for the merchant.</summary>
    public ISensitiveDecryptor Decryptor { get; }

    /// <summary>The public half, to compare with <see cref="PlatformPublicKey.Fingerprint"/>; null when it cannot be read.</summary>
    public string? PublicFingerprint()
        => _sm2 is null
            ? PlatformPublicKey.Of(Rsa!).Fingerprint()
            : "SM2:" + Convert.ToHexString(_sm2.Parameters.G.Multiply(_sm2.D).Normalize().GetEncoded(false));

    /// <summary>
    /// Loads the key. Its kind follows from what it is (an SM2 PEM key means 国密); a <paramref name="scheme"/> given as
    /// well must agree with it.
    /// </summary>
    /// <exception cref="ConfigurationException">The key is unusable, or of another kind than <paramref name="scheme"/>.</exception>
    public static MerchantPrivateKey Load(object? key, SignatureScheme? scheme, string setting = "PrivateKey")
    {
        var loaded = IsSm2Pem(key, setting)
            ? new MerchantPrivateKey(null, Sm2.LoadPrivateKey(Crypto.Rsa.ReadPem(key, setting).Pem, setting))
            : new MerchantPrivateKey(Crypto.Rsa.LoadPrivateKey(key, setting), null);
        if (scheme is { } wanted && wanted != loaded.Scheme)
            throw new ConfigurationException(loaded.Scheme == SignatureScheme.Sm2WithSm3
                ? $"Scheme is {wanted} but {setting} is an SM2 key. Leave Scheme unset, or give the RSA merchant key apiclient_key.pem."
                : $"Scheme is {wanted} but {setting} is an RSA key. 国密 signing needs the merchant's SM2 private key (PKCS#8 'PRIVATE KEY' or SEC1 'EC PRIVATE KEY' PEM).");
        return loaded;
    }

    /// <summary>Whether the key is PEM text (or a file of it) holding an elliptic-curve private key, which is read as SM2.</summary>
    private static bool IsSm2Pem(object? key, string setting)
    {
        if (key is not string) return false;
        var (pem, _) = Crypto.Rsa.ReadPem(key, setting);
        switch (Pem.FirstBlock(pem))
        {
            case ("EC PRIVATE KEY" or "SM2 PRIVATE KEY", _):
                return true;
            case ("PRIVATE KEY", var der):
                try
                {
                    return PrivateKeyInfo.GetInstance(der).PrivateKeyAlgorithm.Algorithm.Id == "1.2.840.10045.2.1";
                }
                catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
                {
                    return false;
                }
            default:
                return false;
        }
    }
}
