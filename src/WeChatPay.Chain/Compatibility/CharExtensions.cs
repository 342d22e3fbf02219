namespace WeChatPay.Chain.Compatibility;

/// <summary>The ASCII character tests .NET 10 has as static members of <see cref="char"/>.</summary>
internal static class CharExtensions
{
    extension(char)
    {
        /// <summary>Whether <paramref name="c"/> is A–Z.</summary>
        public static bool IsAsciiLetterUpper(char c) => c is >= 'A' and <= 'Z';

        /// <summary>Whether <paramref name="c"/> is A–Z, a–z or 0–9.</summary>
        public static bool IsAsciiLetterOrDigit(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9';

        /// <summary>Whether <paramref name="c"/> is 0–9, A–F or a–f.</summary>
        public static bool IsAsciiHexDigit(char c) => c is >= '0' and <= '9' or >= 'A' and <= 'F' or >= 'a' and <= 'f';
    }
}
