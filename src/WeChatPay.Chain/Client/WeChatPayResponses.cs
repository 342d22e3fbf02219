namespace WeChatPay.Chain.Client;

/// <summary>Builds <see cref="WeChatPayResponse"/> from <see cref="HttpResponseMessage"/>.</summary>
internal static class WeChatPayResponses
{
    /// <summary>Copies status, headers (response and content, case-insensitive) and the given body bytes.</summary>
    public static WeChatPayResponse From(HttpResponseMessage response, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // As received: HeaderStringValues.ToString() joins repeated values with ", " and parses nothing.
        foreach (var (name, values) in response.Headers.NonValidated) headers[name] = values.ToString();
        foreach (var (name, values) in response.Content.Headers.NonValidated) headers[name] = values.ToString();
        var request = response.RequestMessage;
        return new WeChatPayResponse(request?.Method.Method ?? "", request?.RequestUri?.PathAndQuery ?? "", response.StatusCode, headers, body);
    }
}
