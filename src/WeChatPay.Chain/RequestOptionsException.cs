namespace WeChatPay.Chain;

/// <summary>
/// The options given to a call cannot make a request: an unknown option, a missing placeholder value,
/// a header with a line break, a <c>json</c> value that cannot be serialised. Thrown before anything is sent.
/// </summary>
public class RequestOptionsException : WeChatPayException
{
    /// <summary>Creates the exception with a message that names the option and the fix.</summary>
    public RequestOptionsException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public RequestOptionsException(string message, Exception? innerException) : base(message, innerException) { }
}
