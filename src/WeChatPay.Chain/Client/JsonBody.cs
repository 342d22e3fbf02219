using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain;

/// <summary>Serialises a <c>json</c> option to the UTF-8 bytes that are signed and sent: nulls omitted, no BOM.</summary>
internal static class JsonBody
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Builders that grew past this (a very large body) are dropped rather than kept per thread.</summary>
    private const int MaxPooledChars = 64 * 1024;

    [ThreadStatic] private static StringBuilder? _text;

    /// <summary>
    /// Serialises into a per-thread reusable <see cref="StringBuilder"/> and encodes it once into an array of the exact
    /// size: no stream, no <see cref="StreamWriter"/> buffers, no intermediate string. A converter that serialises again
    /// on the same thread gets a builder of its own.
    /// </summary>
    /// <exception cref="JsonException">The object cannot be serialised.</exception>
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
        finally
        {
            if (text.Capacity <= MaxPooledChars)
            {
                text.Clear();
                _text = text;
            }
        }
    }

    private static byte[] Encode(StringBuilder text)
    {
#if NET
        var encoder = Utf8.GetEncoder();
        var length = 0;
        foreach (var chunk in text.GetChunks()) length += encoder.GetByteCount(chunk.Span, flush: false);
        length += encoder.GetByteCount([], flush: true);
        encoder.Reset();
        var bytes = new byte[length];
        var at = 0;
        foreach (var chunk in text.GetChunks()) at += encoder.GetBytes(chunk.Span, bytes.AsSpan(at), flush: false);
        encoder.GetBytes([], bytes.AsSpan(at), flush: true);
        return bytes;
#else
        return Utf8.GetBytes(text.ToString());
#endif
    }
}
