namespace WeChatPay.Chain.Client;

/// <summary>Builds <see cref="WeChatPayResponse"/> from <see cref="HttpResponseMessage"/>.</summary>
internal static class WeChatPayResponses
{
    /// <summary>Copies status, headers (response and content, case-insensitive) and the given body bytes, and links the call's record.</summary>
    public static WeChatPayResponse From(HttpResponseMessage response, byte[] body, WeChatPayCall call)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // As received: HeaderStringValues.ToString() joins repeated values with ", " and parses nothing.
        foreach (var (name, values) in response.Headers.NonValidated) headers[name] = values.ToString();
        foreach (var (name, values) in response.Content.Headers.NonValidated) headers[name] = values.ToString();
        return new WeChatPayResponse(call.Method, call.RequestTarget ?? "", response.StatusCode, headers, body) { Call = call };
    }
}
