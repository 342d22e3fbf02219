namespace WeChatPay.Chain;

/// <summary>
/// A 2xx response failed signature verification: it may not come from WeChat Pay and must not be trusted.
/// The response is kept for diagnosis; its content must not be acted on.
/// </summary>
public class ResponseVerificationException : WeChatPayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Which check failed.</param>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="response">The response that failed, when there is one (notifications have none).</param>
    public ResponseVerificationException(VerificationFailure reason, string message, WeChatPayResponse? response = null)
        : base(message)
    {
        Reason = reason;
        Response = response;
    }

    /// <summary>Which check failed.</summary>
    public VerificationFailure Reason { get; }

    /// <summary>The unverified response, for diagnosis only.</summary>
    public WeChatPayResponse? Response { get; }

    /// <summary>Returns a copy that carries the response the failure came from.</summary>
    internal ResponseVerificationException WithResponse(WeChatPayResponse response)
        => new(Reason, $"{response.Method} {ShownTarget.Of(response.RequestTarget)} -> HTTP {response.Status}: {Message}", response);
}
