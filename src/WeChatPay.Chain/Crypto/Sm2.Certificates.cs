using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Crypto;

static partial class Sm2
{
    /// <summary>The OID some SM2 certificates name their key algorithm by, instead of id-ecPublicKey with the SM2 curve.</summary>
    private const string Sm2KeyAlgorithm = "1.2.156.10197.1.301";

    /// <summary>The SM2 key of a certificate's (or a PEM public key's) SubjectPublicKeyInfo.</summary>
    /// <exception cref="ConfigurationException">The key is not on the SM2 curve.</exception>
    internal static ECPublicKeyParameters PublicKeyOf(SubjectPublicKeyInfo info, string setting)
    {
        var key = info.Algorithm.Algorithm.Id == Sm2KeyAlgorithm
            ? new ECPublicKeyParameters(Curve.Curve.DecodePoint(info.PublicKey.GetOctets()), Curve)
            : PublicKeyFactory.CreateKey(info) as ECPublicKeyParameters;
        return key is not null && IsSm2(key.Parameters) ? key : throw NotSm2(setting, "public");
    }
}
