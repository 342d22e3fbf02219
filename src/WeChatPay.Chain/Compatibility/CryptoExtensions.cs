using System.Security.Cryptography;

namespace WeChatPay.Chain.Compatibility;

/// <summary>The span-based RSA, HMAC and Base64 members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class CryptoExtensions
{
    extension(Convert)
    {
        /// <summary>Base64 of <paramref name="bytes"/>.</summary>
        public static string ToBase64String(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes.ToArray());
    }

    extension(HMACSHA256)
    {
        /// <summary>The HMAC-SHA256 of <paramref name="source"/> under <paramref name="key"/>, written to <paramref name="destination"/>; its length.</summary>
        public static int HashData(byte[] key, ReadOnlySpan<byte> source, Span<byte> destination)
        {
            // The message carries the key: the copy is wiped, as the caller wipes its own.
            var message = source.ToArray();
            try
            {
                using var hmac = new HMACSHA256(key);
                var hash = hmac.ComputeHash(message);
                hash.CopyTo(destination);
                return hash.Length;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(message);
            }
        }
    }

    extension(RSA key)
    {
        /// <summary>Signs into <paramref name="destination"/>; false when it is too small.</summary>
        public bool TrySignData(ReadOnlySpan<byte> data, Span<byte> destination, HashAlgorithmName hash, RSASignaturePadding padding, out int written)
        {
            var signature = key.SignData(data.ToArray(), hash, padding);
            written = 0;
            if (signature.Length > destination.Length) return false;
            signature.CopyTo(destination);
            written = signature.Length;
            return true;
        }

        /// <summary>Whether <paramref name="signature"/> is valid for <paramref name="data"/>.</summary>
        public bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash, RSASignaturePadding padding)
            => key.VerifyData(data.ToArray(), signature.ToArray(), hash, padding);
    }
}
