using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>Random nonces for request signatures and pay signs.</summary>
public static class Nonce
{
    /// <summary>The characters a nonce is made of: digits and ASCII letters.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The length WeChat Pay's SDKs use.</summary>
    public const int DefaultLength = 32;

    /// <summary>
    /// The random bytes that map evenly onto the alphabet: 248 is 4 × 62, so a byte below it picks each character with
    /// the same chance, and a byte from 248 up is drawn again rather than reduced (which would favour the first eight).
    /// </summary>
    private const int Even = 256 / 62 * 62;

    /// <summary>How many random bytes a thread draws from the CSPRNG at a time: enough for about thirty nonces.</summary>
    private const int RandomBlock = 1024;

    // Drawn a block at a time because each draw from the operating system costs as much as the block (about 2 µs), and
    // a nonce is public: it goes on the wire, so bytes waiting for later nonces are no secret either. Each byte is used once.
    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_left;

    /// <summary>
    /// Creates a nonce from the operating system's CSPRNG, each character uniform over <see cref="Alphabet"/>. Not for
    /// secrets: the random bytes are drawn a block at a time and kept for the next nonces.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static string Create(int length = DefaultLength)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A nonce's length cannot be negative.");
        return string.Create(length, 0, static (chars, _) => Fill(chars));
    }

    private static void Fill(Span<char> chars)
    {
        var random = t_random ??= new byte[RandomBlock];
        var left = t_left;
        for (var i = 0; i < chars.Length; left--)
        {
            if (left == 0)
            {
                RandomNumberGenerator.Fill(random);
                left = random.Length;
            }
            var b = random[random.Length - left];
            if (b < Even) chars[i++] = Alphabet[b % Alphabet.Length];
        }
        t_left = left;
    }
}
