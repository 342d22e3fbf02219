using System.Net.Http.Headers;

namespace WeChatPay.Chain;

/// <summary>Headers of a request or response as a case-insensitive dictionary of their text, for the call's record and responses.</summary>
internal static class HeaderDictionary
{
    /// <summary>
    /// The message's and its content's headers as sent or received: <c>HeaderStringValues.ToString()</c> joins repeated
    /// values with <c>", "</c> and parses nothing. Empty when there are none.
    /// </summary>
    public static Dictionary<string, string> Of(HttpHeaders? headers, HttpContent? content)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
            foreach (var (name, values) in headers.NonValidated) result[name] = values.ToString();
        if (content is not null)
            foreach (var (name, values) in content.Headers.NonValidated) result[name] = values.ToString();
        return result;
    }
}
