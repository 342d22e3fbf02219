using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Client;

/// <summary>Serialises a <c>json</c> option to the text, and the UTF-8 bytes, that are signed and sent: nulls omitted, no BOM.</summary>
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
    /// Serialises into a per-thread reusable <see cref="StringBuilder"/>, with no stream and no writer buffers. A
    /// converter that serialises again on the same thread gets a builder of its own.
    /// </summary>
    /// <exception cref="JsonException">The object cannot be serialised.</exception>
    public static string Serialize(object json)
    {
        var text = _text ?? new StringBuilder(1024);
        _text = null;
        try
        {
            using (var writer = new JsonTextWriter(new StringWriter(text, CultureInfo.InvariantCulture)) { ArrayPool = CharPool.Instance })
                Serializer.Serialize(writer, json);
            return text.ToString();
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

    /// <summary>The writer's escaping buffers, rented from the shared pool instead of made for each body.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null) ArrayPool<char>.Shared.Return(array);
        }
    }

    /// <summary>The UTF-8 bytes of text that is sent (media meta), refusing a lone surrogate.</summary>
    /// <exception cref="RequestOptionsException">The string is not valid UTF-16; the message names the stray surrogate, never the text.</exception>
    public static byte[] Encode(string text, string option)
    {
        try
        {
            return Utf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw NotUtf16(e, option);
        }
    }

    /// <summary>
    /// Text that is sent as it is (the <c>json</c> or <c>body</c> option), once checked to have a UTF-8 form: it is
    /// encoded when it is signed and sent, where a lone surrogate would be replaced without a word.
    /// </summary>
    /// <exception cref="RequestOptionsException">The string is not valid UTF-16; the message names the stray surrogate, never the text.</exception>
    public static string Checked(string text, string option)
    {
        try
        {
            Utf8.GetByteCount(text);
            return text;
        }
        catch (EncoderFallbackException e)
        {
            throw NotUtf16(e, option);
        }
    }

    private static RequestOptionsException NotUtf16(EncoderFallbackException e, string option)
    {
        var surrogate = e.IsUnknownSurrogate() ? e.CharUnknownHigh : e.CharUnknown;
        return new RequestOptionsException(
            $"{option} holds a string that is not valid UTF-16: a lone surrogate U+{(int)surrogate:X4} without its other half, which UTF-8 cannot encode. " +
            "Nothing was sent; fix the text (a string cut in the middle of an emoji or other character beyond U+FFFF, say).", e);
    }
}
