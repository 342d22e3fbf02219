using System.Text;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// RFC 3986 percent-encoding, done here rather than by <see cref="Uri"/> so that the request-target that is signed
/// is exactly the one sent: the client builds URIs with path canonicalisation turned off.
/// </summary>
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>Encodes everything but the unreserved characters <c>A-Z a-z 0-9 - . _ ~</c>: the value stays one segment or one query value.</summary>
    public static string EncodeComponent(string value) => Encode(value, keepPathCharacters: false);

    /// <summary>
    /// Encodes a literal path taken verbatim from the caller: keeps <c>/</c>, the characters a path may hold and any
    /// existing <c>%XX</c> escape; encodes spaces, non-ASCII and other characters as UTF-8.
    /// </summary>
    public static string EncodePathLiteral(string value) => Encode(value, keepPathCharacters: true);

    private static string Encode(string value, bool keepPathCharacters)
    {
        var i = 0;
        while (i < value.Length && Keeps(value, i, keepPathCharacters)) i++;
        if (i == value.Length) return value;

        var builder = new StringBuilder(value.Length + 16).Append(value, 0, i);
        Span<byte> utf8 = stackalloc byte[4];
        for (; i < value.Length; i++)
        {
            if (Keeps(value, i, keepPathCharacters))
            {
                builder.Append(value[i]);
                continue;
            }
            if (char.IsSurrogate(value[i]) && !char.IsSurrogatePair(value, i))
                throw new RequestOptionsException($"A path or query value has a lone UTF-16 surrogate at position {i}; it cannot be sent as UTF-8 without changing it. Fix the string.");
            var length = char.IsSurrogatePair(value, i)
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length]) builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        return builder.ToString();
    }

    private static bool Keeps(string value, int i, bool keepPathCharacters)
    {
        var c = value[i];
        if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~') return true;
        if (!keepPathCharacters) return false;
        if (c == '%') return i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]);
        return c is '/' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@';
    }
}
