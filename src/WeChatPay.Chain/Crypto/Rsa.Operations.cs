using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

public static partial class Rsa
{
    /// <summary>The largest RSA signature made or decoded: that of an 8,192-bit key.</summary>
    internal const int MaxSignatureBytes = 8192 / 8;

    /// <summary>Signs a message with RSASSA-PKCS1-v1_5 over SHA-256 and returns the signature in Base64.</summary>
    public static string Sign(RSA privateKey, ReadOnlySpan<byte> message)
    {
        Span<byte> signature = stackalloc byte[privateKey.KeySize / 8];
        return Convert.ToBase64String(signature[..Sign(privateKey, message, signature)]);
    }

    /// <summary>Signs a message with RSASSA-PKCS1-v1_5 over SHA-256 into <paramref name="signature"/>; returns its length.</summary>
    internal static int Sign(RSA privateKey, ReadOnlySpan<byte> message, Span<byte> signature)
        => privateKey.TrySignData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out var written)
            ? written
            : throw new CryptographicException("The signature did not fit the key size.");

    /// <summary>Signs a UTF-8 string, as for the JSAPI and APP <c>paySign</c>.</summary>
    public static string Sign(RSA privateKey, string message) => Sign(privateKey, Encoding.UTF8.GetBytes(message));

    /// <summary>
    /// Checks an RSASSA-PKCS1-v1_5 SHA-256 signature given in Base64. Returns false, never throws,
    /// for a signature that is empty, not Base64, or of the wrong length.
    /// </summary>
    public static bool Verify(RSA publicKey, ReadOnlySpan<byte> message, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        // Room for the signature of a key of up to 8,192 bits; a longer value is no signature of any key the client holds.
        Span<byte> bytes = stackalloc byte[MaxSignatureBytes];
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
    /// <exception cref="RequestOptionsException">
    /// The value is longer than OAEP can take under the key (214 UTF-8 bytes for RSA-2048), or is not valid UTF-16.
    /// The message never quotes it.
    /// </exception>
    public static string Encrypt(RSA publicKey, string plaintext)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException e)
        {
            throw new RequestOptionsException("A sensitive value has a lone UTF-16 surrogate, which UTF-8 cannot encode; nothing was encrypted. Fix the text.", e);
        }
        // OAEP with SHA-1 spends two 20-byte hashes and two more bytes of the modulus on padding.
        var limit = publicKey.KeySize / 8 - 2 * 20 - 2;
        if (bytes.Length > limit)
            throw new RequestOptionsException($"A sensitive value of {bytes.Length} UTF-8 bytes is longer than the {limit} that RSAES-OAEP (SHA-1) encrypts under WeChat Pay's {publicKey.KeySize}-bit key. Sensitive fields (names, phone and ID numbers, addresses) fit: check the value is the field alone.");
        return Convert.ToBase64String(publicKey.Encrypt(bytes, RSAEncryptionPadding.OaepSHA1));
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
