using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// Generators of text that breaks naive code: URL, header and JSON delimiters, percent escapes, dot segments, controls,
/// CR/LF, NUL, invisible and non-ASCII characters, astral code points, now and then thousands of characters.
/// </summary>
internal static class Text
{
    private static readonly string[] Troublemakers =
    [
        "/", "?", "#", "%", "%2F", "%2e%2E", "%25", "%", "..", ".", "\r", "\n", "\r\n", "\0", " ", "\t", "&", "=", "+", ";", ",",
        "\"", "'", "\\", "{", "}", "{x}", "<", ">", "@", ":", "[", "]", "|", "*", "~", "订单", "😀", "é", "\u200B", "\uFEFF",
        "\u0085", "\u2028", "\u00A0", "\u007F", "WECHATPAY/SIGNTEST/", "-----BEGIN PRIVATE KEY-----", "file://",
    ];

    /// <summary>One piece of text: a troublemaker, printable ASCII, any BMP character but a surrogate, an astral one, or a control.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.Elements(Troublemakers)),
        (4, Gen.Choose(0x20, 0x7E).Select(c => ((char)c).ToString())),
        (2, Gen.Choose(0x80, 0xFFFD).Where(c => c is < 0xD800 or > 0xDFFF).Select(c => ((char)c).ToString())),
        (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)),
        (1, Gen.Choose(0, 0x1F).Select(c => ((char)c).ToString())));

    /// <summary>Well-formed UTF-16 text of up to about <paramref name="pieces"/> pieces, sometimes empty, now and then very long.</summary>
    public static Gen<string> Any(int pieces = 24) => Gen.Frequency(
        (20, Gen.Choose(0, pieces).SelectMany(n => Gen.ArrayOf(Piece, n)).Select(string.Concat)),
        (1, Gen.Choose(1_000, 20_000).SelectMany(n => Gen.Elements(Troublemakers).Select(t => new StringBuilder().Insert(0, t + "a", n / (t.Length + 1)).ToString()))));

    /// <summary>Like <see cref="Any"/> but never empty.</summary>
    public static Gen<string> NonEmpty(int pieces = 24) => Any(pieces).Where(s => s.Length > 0);

    /// <summary>Printable ASCII, as most header values are.</summary>
    public static Gen<string> Ascii(int maxLength = 48)
        => Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(c => (char)c), n)).Select(chars => new string(chars));

    /// <summary>Text from a small alphabet, so that structure (delimiters in the right places) comes up often.</summary>
    public static Gen<string> From(string alphabet, int maxLength)
        => Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(chars => new string(chars));

    /// <summary>Base64 of random bytes of a random length.</summary>
    public static Gen<string> Base64(int maxBytes = 300) => Bytes.Any(maxBytes).Select(Convert.ToBase64String);
}
