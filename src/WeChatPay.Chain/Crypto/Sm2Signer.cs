using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>SM2 over SM3 with the merchant private key: the signature of <c>WECHATPAY2-SM2-WITH-SM3</c>.</summary>
internal sealed class Sm2Signer(ECPrivateKeyParameters privateKey) : ISigner
{
    /// <inheritdoc />
    public SignatureScheme Scheme => SignatureScheme.Sm2WithSm3;

    /// <inheritdoc />
    public int Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        var der = Sm2.SignDer(privateKey, message.ToArray());
        der.CopyTo(signature);
        return der.Length;
    }
}
