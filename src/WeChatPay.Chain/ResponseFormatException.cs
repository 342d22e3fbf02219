namespace WeChatPay.Chain;

/// <summary>A verified response body is not what was asked of it, for example not JSON when <c>Json</c> is read.</summary>
public class ResponseFormatException : WeChatPayException
{
    /// <summary>Creates the exception with a message and the parser's error.</summary>
    public ResponseFormatException(string message, Exception? innerException) : base(message, innerException) { }
}
