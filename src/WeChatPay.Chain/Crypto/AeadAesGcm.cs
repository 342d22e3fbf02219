using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// AEAD_AES_256_GCM as WeChat Pay uses it for notifications and certificate downloads: the key is the 32-character
/// APIv3 key as ASCII, the IV the 12-character nonce as ASCII, and the ciphertext Base64 of <c>ciphertext‖tag</c>
/// (16-byte tag). One instance holds one APIv3 key and is safe to share; its <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class AeadAesGcm : INotificationCipher
{
    /// <summary>The algorithm name that appears in notification resources and certificate answers.</summary>
    public const string Algorithm = "AEAD_AES_256_GCM";

    private const int TagSize = 16;

    private readonly byte[] _key;

    /// <summary>A cipher under one APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The key is not 32 ASCII characters; the message never shows it.</exception>
    public AeadAesGcm(string apiV3Key)
    {
        ValidateKey(apiV3Key);
        _key = Encoding.ASCII.GetBytes(apiV3Key);
    }

    string INotificationCipher.Algorithm => Algorithm;

    /// <summary>A resource's nonce is data, not an argument: a wrong one does not decrypt.</summary>
    string INotificationCipher.Decrypt(string nonce, string associatedData, string ciphertext) => Decrypt(AeadNonce.Received(nonce, Algorithm), associatedData, ciphertext);

    /// <summary>Encrypts <paramref name="plaintext"/> and returns Base64 of ciphertext followed by the tag.</summary>
    /// <exception cref="ArgumentException">The nonce is not 12 bytes.</exception>
    public string Encrypt(string nonce, string associatedData, string plaintext)
    {
        var nonceBytes = AeadNonce.Bytes(nonce, "AES-GCM");
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[plain.Length + TagSize];
        using (var aes = new AesGcm(_key, TagSize))
            aes.Encrypt(nonceBytes, plain, output.AsSpan(0, plain.Length), output.AsSpan(plain.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(output);
    }

    /// <summary>Decrypts Base64 <c>ciphertext‖tag</c> and returns the UTF-8 plaintext.</summary>
    /// <exception cref="ArgumentException">The nonce is not 12 bytes, as for <see cref="Encrypt"/>.</exception>
    /// <exception cref="DecryptionException">Not Base64, too short, or the tag does not match
    /// (wrong APIv3 key, tampered ciphertext, nonce or associated data).</exception>
    public string Decrypt(string nonce, string associatedData, string ciphertext)
    {
        var nonceBytes = AeadNonce.Bytes(nonce, "AES-GCM");
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
        var plain = new byte[data.Length - TagSize];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(nonceBytes, data.AsSpan(0, plain.Length), data.AsSpan(plain.Length), plain, Encoding.UTF8.GetBytes(associatedData));
        }
        catch (CryptographicException e)
        {
            throw new DecryptionException("AES-GCM authentication failed: the APIv3 key is wrong, or the ciphertext, nonce or associated_data was altered.", e);
        }
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Never the key.</summary>
    public override string ToString() => $"{Algorithm} (APIv3 key not shown)";

    /// <summary>Checks that an APIv3 key is 32 ASCII bytes, without ever echoing it.</summary>
    /// <exception cref="ConfigurationException">It is not.</exception>
    public static void ValidateKey(string? apiV3Key, string setting = "ApiV3Key")
    {
        if (string.IsNullOrEmpty(apiV3Key)) throw new ConfigurationException($"{setting} is not set. It is the 32-character APIv3 key set in the merchant platform (API security).");
        if (apiV3Key.Length != 32 || Encoding.UTF8.GetByteCount(apiV3Key) != 32) // as many bytes as characters: all ASCII
            throw new ConfigurationException($"{setting} must be 32 ASCII characters; the value given has {apiV3Key.Length}. It is the APIv3 key, not the APIv2 key or the merchant id.");
    }
}
