using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>The nonce of WeChat Pay's AEAD resources, for both ciphers: 12 ASCII characters, used as 12 bytes.</summary>
internal static class AeadNonce
{
    public const int Size = 12;

    /// <summary>The nonce's bytes.</summary>
    /// <exception cref="ArgumentException">It is not 12 bytes, whether encrypting or decrypting: the same mistake, the same exception.</exception>
    public static byte[] Bytes(string nonce, string cipher)
    {
        var bytes = Encoding.UTF8.GetBytes(nonce);
        return bytes.Length == Size
            ? bytes
            : throw new ArgumentException($"The {cipher} nonce must be {Size} bytes (12 ASCII characters); it is {bytes.Length}.", nameof(nonce));
    }

    /// <summary>A nonce that came with a resource: one that is not 12 bytes is data that does not decrypt.</summary>
    /// <exception cref="DecryptionException">It is not 12 bytes.</exception>
    public static string Received(string nonce, string algorithm)
    {
        var length = Encoding.UTF8.GetByteCount(nonce);
        return length == Size ? nonce : throw new DecryptionException($"The {algorithm} resource's nonce must be {Size} bytes (12 ASCII characters); it is {length}, so the resource cannot be decrypted.");
    }
}
