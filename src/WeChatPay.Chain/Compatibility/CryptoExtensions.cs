using System.Security.Cryptography;

namespace WeChatPay.Chain.Compatibility;

/// <summary>The hashing, Base64, hex and random-string members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class CryptoExtensions
{
    extension(SHA256)
    {
        /// <summary>The SHA-256 of <paramref name="data"/>.</summary>
        public static byte[] HashData(byte[] data)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(data);
        }
    }

    extension(Convert)
    {
        /// <summary>Base64 of <paramref name="bytes"/>.</summary>
        public static string ToBase64String(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes.ToArray());

        /// <summary>Upper-case hex of <paramref name="bytes"/>.</summary>
        public static string ToHexString(byte[] bytes) => Hex(bytes, "0123456789ABCDEF");

        /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
        public static string ToHexStringLower(byte[] bytes) => Hex(bytes, "0123456789abcdef");

        /// <summary>Decodes Base64 into <paramref name="destination"/>; false when it is not Base64 or does not fit.</summary>
        public static bool TryFromBase64String(string text, Span<byte> destination, out int written)
        {
            written = 0;
            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return false;
            }
            if (decoded.Length > destination.Length) return false;
            decoded.CopyTo(destination);
            written = decoded.Length;
            return true;
        }
    }

    extension(RandomNumberGenerator)
    {
        /// <summary>
        /// <paramref name="length"/> characters drawn uniformly from <paramref name="choices"/> with a CSPRNG: a random
        /// byte at or above the largest multiple of the alphabet size is thrown away rather than reduced, so no choice is
        /// likelier than another.
        /// </summary>
        public static string GetString(ReadOnlySpan<char> choices, int length)
        {
            if (choices.Length is 0 or > 256) throw new ArgumentOutOfRangeException(nameof(choices), "Between 1 and 256 choices.");
            var limit = 256 / choices.Length * choices.Length;
            var result = new char[length];
            var random = new byte[Math.Max(16, length * 2)];
            using var generator = RandomNumberGenerator.Create();
            var used = random.Length;
            for (var i = 0; i < length;)
            {
                if (used == random.Length)
                {
                    generator.GetBytes(random);
                    used = 0;
                }
                var b = random[used++];
                if (b < limit) result[i++] = choices[b % choices.Length];
            }
            return new string(result);
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

    private static string Hex(byte[] bytes, string digits)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = digits[bytes[i] >> 4];
            chars[2 * i + 1] = digits[bytes[i] & 0xF];
        }
        return new string(chars);
    }
}

/// <summary>SHA-1's one-shot hash, in a class of its own: it would clash with SHA-256's in one class.</summary>
internal static class Sha1Extensions
{
    extension(SHA1)
    {
        /// <summary>The SHA-1 of <paramref name="data"/>.</summary>
        public static byte[] HashData(byte[] data)
        {
            using var sha = SHA1.Create();
            return sha.ComputeHash(data);
        }
    }
}
