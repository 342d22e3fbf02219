using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Client;

/// <summary>Serialises a <c>json</c> option to the UTF-8 bytes that are signed and sent: nulls omitted, no BOM.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    /// <summary>
    /// Throws on a lone surrogate instead of writing U+FFFD: the body would otherwise differ from what the caller gave,
    /// unnoticed. Valid text never reaches the fallback, so this costs nothing on the normal path.
    /// </summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Builders that grew past this (a very large body) are dropped rather than kept per thread.</summary>
    private const int MaxPooledChars = 64 * 1024;

    [ThreadStatic] private static StringBuilder? _text;

    /// <summary>
    /// Serialises into a per-thread reusable <see cref="StringBuilder"/> and encodes it once into an array of the exact
    /// size: no stream, no <see cref="StreamWriter"/> buffers, no intermediate string. A converter that serialises again
    /// on the same thread gets a builder of its own.
    /// </summary>
    /// <exception cref="JsonException">The object cannot be serialised.</exception>
    /// <exception cref="RequestOptionsException">A string in it is not valid UTF-16.</exception>
    public static byte[] Serialize(object json)
    {
        var text = _text ?? new StringBuilder(1024);
        _text = null;
        try
        {
            using (var writer = new JsonTextWriter(new StringWriter(text, CultureInfo.InvariantCulture)))
                Serializer.Serialize(writer, json);
            return Encode(text);
        }
        catch (EncoderFallbackException e)
        {
            throw InvalidText(e);
        }
        finally
        {
            if (text.Capacity <= MaxPooledChars)
            {
                text.Clear();
                _text = text;
            }
        }
    }

    /// <summary>Encodes text given as a string (the <c>json</c> or <c>body</c> option), refusing a lone surrogate as <see cref="Serialize"/> does.</summary>
    /// <exception cref="RequestOptionsException">The string is not valid UTF-16.</exception>
    public static byte[] Encode(string text, string option = "json")
    {
        try
        {
            return Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw InvalidText(e, option);
        }
    }

    private static RequestOptionsException InvalidText(EncoderFallbackException e, string option = "json")
        => InvalidText(e.IsUnknownSurrogate() ? e.CharUnknownHigh : e.CharUnknown, e, option);

    /// <summary>Names the stray surrogate by its code, which says what is wrong without echoing the text around it.</summary>
    private static RequestOptionsException InvalidText(char surrogate, Exception? cause = null, string option = "json") => new(
        $"{option} holds a string that is not valid UTF-16: a lone surrogate U+{(int)surrogate:X4} without its other half, which UTF-8 cannot encode. " +
        "Nothing was sent; fix the text (a string cut in the middle of an emoji or other character beyond U+FFFF, say).", cause);

    private static byte[] Encode(StringBuilder text)
    {
        var length = CountBytes(text);
        var encoder = Utf8.GetEncoder();
        var bytes = new byte[length];
        var at = 0;
        foreach (var chunk in text.GetChunks()) at += encoder.GetBytes(chunk.Span, bytes.AsSpan(at), flush: false);
        encoder.GetBytes([], bytes.AsSpan(at), flush: true);
        return bytes;
    }

    /// <summary>
    /// The UTF-8 length of the builder's text. A chunk may end between the two halves of a surrogate pair, and
    /// <c>Encoder.GetByteCount</c> keeps no state from one call to the next, so the
    /// high half is carried over here and counted with its low half at the start of the next chunk.
    /// </summary>
    /// <exception cref="RequestOptionsException">A surrogate has no other half.</exception>
    private static int CountBytes(StringBuilder text)
    {
        var length = 0;
        var pendingHigh = '\0';
        foreach (var chunk in text.GetChunks())
        {
            var span = chunk.Span;
            if (span.IsEmpty) continue;
            if (pendingHigh != '\0')
            {
                if (!char.IsLowSurrogate(span[0])) throw InvalidText(pendingHigh);
                length += 4;
                span = span[1..];
                pendingHigh = '\0';
            }
            if (!span.IsEmpty && char.IsHighSurrogate(span[^1]))
            {
                pendingHigh = span[^1];
                span = span[..^1];
            }
            length += Utf8.GetByteCount(span);
        }
        if (pendingHigh != '\0') throw InvalidText(pendingHigh);
        return length;
    }
}
