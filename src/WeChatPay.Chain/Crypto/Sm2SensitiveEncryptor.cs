using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>SM2 encryption (SM3, GM/T 0009 DER) under one WeChat Pay SM2 public key, for the 国密 mode.</summary>
internal sealed class Sm2SensitiveEncryptor(string keyId, ECPublicKeyParameters publicKey) : ISensitiveEncryptor
{
    /// <inheritdoc />
    public string KeyId => keyId;

    /// <inheritdoc />
    public string Encrypt(string plaintext) => Sm2.Encrypt(publicKey, plaintext);
}
