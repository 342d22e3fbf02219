using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// AEAD_AES_256_GCM as WeChat Pay uses it for notifications and certificate downloads: the key is the 32-character
/// APIv3 key as ASCII, the IV the 12-character nonce as ASCII, and the ciphertext Base64 of <c>ciphertext‖tag</c> (16-byte tag).
/// </summary>
public static class AeadAesGcm
{
    /// <summary>The algorithm name that appears in notification resources.</summary>
    public const string Algorithm = "AEAD_AES_256_GCM";

    private const int TagSize = AesGcmCipher.TagSize;
    private const int NonceSize = 12;

    /// <summary>Encrypts <paramref name="plaintext"/> and returns Base64 of ciphertext followed by the tag.</summary>
    /// <exception cref="ConfigurationException">The APIv3 key is not 32 bytes or the nonce not 12.</exception>
    public static string Encrypt(string apiV3Key, string nonce, string associatedData, string plaintext)
    {
        var key = KeyBytes(apiV3Key);
        return Convert.ToBase64String(AesGcmCipher.Seal(key, NonceBytes(nonce), Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(associatedData)));
    }

    /// <summary>Decrypts Base64 <c>ciphertext‖tag</c> and returns the UTF-8 plaintext.</summary>
    /// <exception cref="ConfigurationException">The APIv3 key is not 32 bytes.</exception>
    /// <exception cref="DecryptionException">Not Base64, too short, wrong nonce, or the tag does not match
    /// (wrong APIv3 key, tampered ciphertext or associated data).</exception>
    public static string Decrypt(string apiV3Key, string nonce, string associatedData, string ciphertext)
    {
        var key = KeyBytes(apiV3Key);
        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException e)
        {
            throw new DecryptionException("The AES-GCM ciphertext is not Base64.", e);
        }
        if (data.Length < TagSize) throw new DecryptionException($"The AES-GCM ciphertext is {data.Length} bytes, shorter than its {TagSize}-byte tag.");
        var nonceBytes = Encoding.UTF8.GetBytes(nonce);
        if (nonceBytes.Length != NonceSize) throw new DecryptionException($"The AES-GCM nonce must be {NonceSize} bytes (12 ASCII characters); it is {nonceBytes.Length}.");
        byte[] plain;
        try
        {
            plain = AesGcmCipher.Open(key, nonceBytes, data, Encoding.UTF8.GetBytes(associatedData));
        }
        catch (CryptographicException e)
        {
            throw new DecryptionException("AES-GCM authentication failed: the APIv3 key is wrong, or the ciphertext, nonce or associated_data was altered.", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Checks that an APIv3 key is 32 ASCII bytes, without ever echoing it.</summary>
    /// <exception cref="ConfigurationException">It is not.</exception>
    public static void ValidateKey(string? apiV3Key, string setting = "ApiV3Key")
    {
        if (string.IsNullOrEmpty(apiV3Key)) throw new ConfigurationException($"{setting} is not set. It is the 32-character APIv3 key set in the merchant platform (API security).");
        if (Encoding.UTF8.GetByteCount(apiV3Key) != 32 || !Ascii.IsValid(apiV3Key))
            throw new ConfigurationException($"{setting} must be 32 ASCII characters; the value given has {apiV3Key.Length}. It is the APIv3 key, not the APIv2 key or the merchant id.");
    }

    private static byte[] KeyBytes(string apiV3Key)
    {
        ValidateKey(apiV3Key);
        return Encoding.ASCII.GetBytes(apiV3Key);
    }

    private static byte[] NonceBytes(string nonce)
    {
        var bytes = Encoding.UTF8.GetBytes(nonce);
        if (bytes.Length != NonceSize) throw new ConfigurationException($"The AES-GCM nonce must be {NonceSize} bytes (12 ASCII characters); it is {bytes.Length}.");
        return bytes;
    }
}
