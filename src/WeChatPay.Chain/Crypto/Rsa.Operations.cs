using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

public static partial class Rsa
{
    /// <summary>Signs a message with RSASSA-PKCS1-v1_5 over SHA-256 and returns the signature in Base64.</summary>
    public static string Sign(RSA privateKey, ReadOnlySpan<byte> message)
    {
        Span<byte> signature = stackalloc byte[privateKey.KeySize / 8];
        if (!privateKey.TrySignData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written))
            throw new CryptographicException("The signature did not fit the key size.");
        return Convert.ToBase64String(signature[..written]);
    }

    /// <summary>Signs a UTF-8 string, as for the JSAPI and APP <c>paySign</c>.</summary>
    public static string Sign(RSA privateKey, string message) => Sign(privateKey, Encoding.UTF8.GetBytes(message));

    /// <summary>
    /// Checks an RSASSA-PKCS1-v1_5 SHA-256 signature given in Base64. Returns false, never throws,
    /// for a signature that is empty, not Base64, or of the wrong length.
    /// </summary>
    public static bool Verify(RSA publicKey, ReadOnlySpan<byte> message, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var size = (signature.Length * 3 + 3) / 4;
        Span<byte> bytes = size <= 1024 ? stackalloc byte[1024] : new byte[size];
        if (!Convert.TryFromBase64String(signature, bytes, out var length)) return false;
        try
        {
            return publicKey.VerifyData(message, bytes[..length], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Encrypts a sensitive field with RSAES-OAEP (SHA-1, MGF1-SHA-1) under WeChat Pay's public key; returns Base64.
    /// Send the key's serial or <c>PUB_KEY_ID_…</c> in the <c>Wechatpay-Serial</c> request header.
    /// </summary>
    public static string Encrypt(RSA publicKey, string plaintext)
        => Convert.ToBase64String(publicKey.Encrypt(Encoding.UTF8.GetBytes(plaintext), RSAEncryptionPadding.OaepSHA1));

    /// <summary>Decrypts a Base64 RSAES-OAEP (SHA-1) sensitive field with the merchant private key.</summary>
    /// <exception cref="DecryptionException">The text is not Base64 or was not encrypted for this key.</exception>
    public static string Decrypt(RSA privateKey, string ciphertext)
    {
        try
        {
            return Encoding.UTF8.GetString(privateKey.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new DecryptionException("The sensitive field could not be decrypted: it is not Base64, or it was not encrypted with OAEP for the merchant's public key.", e);
        }
    }
}
