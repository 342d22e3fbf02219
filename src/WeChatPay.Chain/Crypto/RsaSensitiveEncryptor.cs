using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>RSAES-OAEP (SHA-1, MGF1-SHA-1) under one WeChat Pay public key.</summary>
internal sealed class RsaSensitiveEncryptor(string keyId, RSA publicKey) : ISensitiveEncryptor
{
    /// <inheritdoc />
    public string KeyId => keyId;

    /// <inheritdoc />
    public string Encrypt(string plaintext) => Rsa.Encrypt(publicKey, plaintext);
}
