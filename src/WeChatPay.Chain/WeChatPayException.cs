namespace WeChatPay.Chain;

/// <summary>
/// The base of every exception WeChatPay.Chain throws, so one <c>catch</c> covers the library.
/// Messages never contain private keys, the APIv3 key or full signatures.
/// </summary>
public class WeChatPayException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and how to fix it.</summary>
    public WeChatPayException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public WeChatPayException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>
    /// The record of the call this exception ended — the request as sent and signed, the response if there was one —
    /// or null when it did not come from a call (a setting refused when the client was built, a notification read).
    /// </summary>
    public WeChatPayCall? Call { get; internal set; }
}
