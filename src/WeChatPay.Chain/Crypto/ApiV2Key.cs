using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// The merchant's APIv2 key (32 characters, set in the merchant platform), and the three things done with it: signing a
/// message (MD5 or HMAC-SHA256, upper-case hex), checking a signature in constant time, and decrypting a refund
/// notification's <c>req_info</c> (AES-256-ECB under the lower-case hex MD5 of the key). The key never leaves this
/// object: <see cref="ToString"/> and every message leave it out.
/// </summary>
internal sealed class ApiV2Key
{
    private readonly byte[] _key;

    /// <summary>What comes between the fields and the key in the signed text.</summary>
    private static readonly byte[] KeyParameter = "&key="u8.ToArray();

    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters; the message never shows it.</exception>
    public ApiV2Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32 || key.Any(c => c <= ' ' || c >= 127))
            throw new ConfigurationException($"ApiV2Key must be the 32-character APIv2 key from the merchant platform (Account Center → API security); the value given has {key.Length} characters{(key.Any(c => c <= ' ' || c >= 127) ? ", some of them not printable ASCII" : "")}.");
        _key = Encoding.ASCII.GetBytes(key);
    }

    /// <summary>
    /// Signs <paramref name="fields"/> (the message's <c>k=v&amp;…</c> text, without the key): the key is appended as
    /// <c>&amp;key=…</c>, and the digest returned as upper-case hex.
    /// </summary>
    public string Sign(string fields, ApiV2SignType type)
    {
        var length = Encoding.UTF8.GetByteCount(fields);
        var message = new byte[length + KeyParameter.Length + _key.Length];
        Encoding.UTF8.GetBytes(fields, 0, fields.Length, message, 0);
        KeyParameter.CopyTo(message, length);
        _key.CopyTo(message, length + KeyParameter.Length);
        try
        {
            if (type == ApiV2SignType.Md5) return Convert.ToHexString(MD5.HashData(message));
            using var hmac = new HMACSHA256(_key);
            return Convert.ToHexString(hmac.ComputeHash(message));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message);
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="fields"/>: HMAC-SHA256 when it has 64 characters, MD5
    /// when 32, as WeChat Pay answers; compared without regard to case, in constant time.
    /// </summary>
    public bool Verifies(string fields, string? signature)
    {
        if (signature is null || (signature.Length != 32 && signature.Length != 64)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(fields, signature.Length == 64 ? ApiV2SignType.HmacSha256 : ApiV2SignType.Md5));
        var given = Encoding.ASCII.GetBytes(signature.ToUpperInvariant());
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>Decrypts a refund notification's <c>req_info</c>: Base64 AES-256-ECB (PKCS#7) under the lower-case hex MD5 of the key.</summary>
    /// <exception cref="DecryptionException">Not Base64, not whole blocks, or the padding is wrong (another merchant's key, or altered).</exception>
    public string DecryptRefundInfo(string reqInfo)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(reqInfo);
        }
        catch (FormatException e)
        {
            throw new DecryptionException("req_info is not Base64; pass the field exactly as the refund notification carries it.", e);
        }
        if (data.Length == 0 || data.Length % 16 != 0)
            throw new DecryptionException($"req_info holds {data.Length} bytes, not whole 16-byte AES blocks: it was cut or altered.");
        var aesKey = Encoding.ASCII.GetBytes(Convert.ToHexString(MD5.HashData(_key)).ToLowerInvariant());
        try
        {
            using var aes = Aes.Create();
            aes.Key = aesKey;
            aes.Mode = CipherMode.ECB;
            aes.Padding = PaddingMode.PKCS7;
            using var decryptor = aes.CreateDecryptor();
            var plain = decryptor.TransformFinalBlock(data, 0, data.Length);
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            // Not chained: the fallback exception's message quotes the decrypted bytes.
            throw new DecryptionException("req_info decrypted under this APIv2 key, but its content is not UTF-8 text; it was not a WeChat Pay refund notification's.");
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new DecryptionException("req_info does not decrypt under this APIv2 key: it is another merchant's, or it was altered.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }
    }

    /// <inheritdoc />
    public override string ToString() => "ApiV2Key(hidden)";
}
