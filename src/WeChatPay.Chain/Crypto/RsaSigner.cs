using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>RSASSA-PKCS1-v1_5 over SHA-256 with the merchant private key: the signature of <c>WECHATPAY2-SHA256-RSA2048</c>.</summary>
internal sealed class RsaSigner(RSA privateKey) : ISigner
{
    /// <inheritdoc />
    public SignatureScheme Scheme => SignatureScheme.Rsa2048WithSha256;

    /// <inheritdoc />
    public int Sign(ReadOnlySpan<byte> message, Span<byte> signature) => Rsa.Sign(privateKey, message, signature);
}
