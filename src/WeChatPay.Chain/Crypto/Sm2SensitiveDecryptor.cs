using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>SM2 decryption (SM3, GM/T 0009 DER) with the merchant's SM2 private key, for the 国密 mode.</summary>
internal sealed class Sm2SensitiveDecryptor(ECPrivateKeyParameters privateKey) : ISensitiveDecryptor
{
    /// <inheritdoc />
    public string Decrypt(string ciphertext) => Sm2.Decrypt(privateKey, ciphertext);
}
