namespace WeChatPay.Chain.Client;

/// <summary>Builds <see cref="WeChatPayResponse"/> from <see cref="HttpResponseMessage"/>.</summary>
internal static class WeChatPayResponses
{
    /// <summary>The status, the headers (copied when first read) and the given body bytes, linked to the call's record.</summary>
    public static WeChatPayResponse From(HttpResponseMessage response, byte[] body, WeChatPayCall call)
        => new(call.Method, call.RequestTarget ?? "", response, body) { Call = call };
}
