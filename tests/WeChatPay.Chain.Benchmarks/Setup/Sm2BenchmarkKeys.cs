using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// A test-only SM2 key pair made for the run, written out as PEM and read back through <see cref="Sm2"/> as a
/// merchant's key would be: PKCS#8 (<c>PRIVATE KEY</c>), the same key as SEC1 (<c>EC PRIVATE KEY</c>), and the SPKI
/// public key; and a typical signing string with its signature.
/// </summary>
public sealed class Sm2BenchmarkKeys
{
    private Sm2BenchmarkKeys()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private);
        Pkcs8Pem = Pem("PRIVATE KEY", pkcs8.GetDerEncoded());
        Sec1Pem = Pem("EC PRIVATE KEY", pkcs8.ParsePrivateKey().GetDerEncoded());
        PublicPem = Pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public).GetDerEncoded());
        PrivateKey = Sm2.LoadPrivateKey(Pkcs8Pem);
        Sec1PrivateKey = Sm2.LoadPrivateKey(Sec1Pem);
        PublicKey = Sm2.LoadPublicKey(PublicPem);
        Message = SignatureMessage.ForRequest("POST", SmartRetailOrder.RequestTarget, "1700000000", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", Body);
        Signature = Sm2.Sign(PrivateKey, Message);
        if (!Sm2.Verify(PublicKey, Message, Signature)) throw new InvalidOperationException("The SM2 benchmark key does not verify its own signature.");
    }

    /// <summary>The keys of this process, made on first use.</summary>
    public static Sm2BenchmarkKeys Shared => Made.Value;

    private static readonly Lazy<Sm2BenchmarkKeys> Made = new(() => new Sm2BenchmarkKeys());

    /// <summary>The request body the signing string ends with: the first 420 bytes of a typical order, as in the RSA benchmarks.</summary>
    public static byte[] Body => SmartRetailOrder.CreatedBody[..420];

    /// <summary>The private key as PKCS#8 PEM.</summary>
    public string Pkcs8Pem { get; }

    /// <summary>The same private key as SEC1 PEM (<c>EC PRIVATE KEY</c>).</summary>
    public string Sec1Pem { get; }

    /// <summary>The public key as SPKI PEM.</summary>
    public string PublicPem { get; }

    /// <summary>The private key read from <see cref="Pkcs8Pem"/> by <see cref="Sm2.LoadPrivateKey"/>.</summary>
    public ECPrivateKeyParameters PrivateKey { get; }

    /// <summary>The private key read from <see cref="Sec1Pem"/> by <see cref="Sm2.LoadPrivateKey"/>.</summary>
    public ECPrivateKeyParameters Sec1PrivateKey { get; }

    /// <summary>The public key read from <see cref="PublicPem"/> by <see cref="Sm2.LoadPublicKey"/>.</summary>
    public ECPublicKeyParameters PublicKey { get; }

    /// <summary>A typical request signing string.</summary>
    public byte[] Message { get; }

    /// <summary><see cref="Message"/> signed by <see cref="PrivateKey"/>: Base64 DER.</summary>
    public string Signature { get; }

    /// <summary>The BouncyCastle curve class the keys' arithmetic runs on, for the report.</summary>
    public static string CurveClass(ECKeyParameters key) => key.Parameters.Curve.GetType().Name;

    private static string Pem(string label, byte[] der)
        => $"-----BEGIN {label}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)}\n-----END {label}-----\n";
}
