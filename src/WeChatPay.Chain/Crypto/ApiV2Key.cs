using System.Buffers;
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
    /// Signs <paramref name="fields"/> (the UTF-8 of the message's <c>k=v&amp;…</c> text, without the key): the key is
    /// appended as <c>&amp;key=…</c>, and the digest returned as upper-case hex.
    /// </summary>
    public string Sign(ReadOnlySpan<byte> fields, ApiV2SignType type)
    {
        Span<byte> digest = stackalloc byte[32];
        return Convert.ToHexString(digest[..Digest(fields, type, digest)]);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs <paramref name="fields"/>: HMAC-SHA256 when it has 64 characters, MD5
    /// when 32, as WeChat Pay answers; hex in either case, compared in time that does not depend on where they differ.
    /// </summary>
    public bool Verifies(ReadOnlySpan<byte> fields, string? signature)
    {
        if (signature is null || (signature.Length != 32 && signature.Length != 64)) return false;
        Span<byte> digest = stackalloc byte[32];
        var length = Digest(fields, signature.Length == 64 ? ApiV2SignType.HmacSha256 : ApiV2SignType.Md5, digest);
        var difference = 0;
        for (var i = 0; i < length; i++)
            difference |= (HexDigit(signature[2 * i]) << 4 | HexDigit(signature[2 * i + 1])) ^ digest[i];
        return difference == 0;
    }

    /// <summary>A hex digit's value; for any other character a value no byte has, so the comparison fails.</summary>
    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => 0x100,
    };

    /// <summary>The digest of <c>fields&amp;key=…</c> in <paramref name="digest"/>; its length.</summary>
    private int Digest(ReadOnlySpan<byte> fields, ApiV2SignType type, Span<byte> digest)
    {
        var length = fields.Length + KeyParameter.Length + _key.Length;
        var message = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            fields.CopyTo(message);
            KeyParameter.CopyTo(message, fields.Length);
            _key.CopyTo(message, fields.Length + KeyParameter.Length);
            var signed = message.AsSpan(0, length);
            return type == ApiV2SignType.Md5 ? MD5.HashData(signed, digest) : HMACSHA256.HashData(_key, signed, digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(message);
        }
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
