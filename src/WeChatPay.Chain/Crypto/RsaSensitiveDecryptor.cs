using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>RSAES-OAEP (SHA-1) decryption with the merchant private key.</summary>
internal sealed class RsaSensitiveDecryptor(RSA privateKey) : ISensitiveDecryptor
{
    /// <inheritdoc />
    public string Decrypt(string ciphertext) => Rsa.Decrypt(privateKey, ciphertext);
}
