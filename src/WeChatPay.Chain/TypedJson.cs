using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// One way to read the JSON WeChat Pay sends, for responses and notifications alike: date-like strings stay text as
/// written (<c>"2018-06-08T10:34:56+08:00"</c> is not turned into a local <see cref="DateTime"/>), and a value that does
/// not fit the type asked for is recognised whichever exception Newtonsoft.Json or the conversion throws.
/// </summary>
internal static class TypedJson
{
    /// <summary>Reads exactly one JSON value from <paramref name="text"/>.</summary>
    /// <exception cref="JsonException">The text is not one JSON value.</exception>
    public static JToken Parse(TextReader text)
    {
        using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        if (reader.Read()) throw new JsonReaderException("Additional text after the JSON value.");
        return token;
    }

    /// <summary>
    /// Whether <paramref name="e"/>, thrown by <see cref="JToken.ToObject{T}()"/>, says the JSON does not fit the type:
    /// Newtonsoft.Json throws its own exceptions for objects, but the conversions of simple types throw the BCL's.
    /// </summary>
    public static bool IsMismatch(Exception e) => e is JsonException or ArgumentException or InvalidCastException or FormatException or OverflowException;
}
