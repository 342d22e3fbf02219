namespace WeChatPay.Chain;

/// <summary>
/// No HTTP response was received: DNS or connection failure, a reset connection, or a timeout.
/// Whether WeChat Pay acted on the request is unknown; query the order before repeating a payment operation.
/// </summary>
public class TransportException : WeChatPayException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with the method and path of the request.</param>
    /// <param name="isTimeout">Whether the configured timeout elapsed.</param>
    /// <param name="innerException">The underlying <see cref="HttpRequestException"/> or timeout.</param>
    public TransportException(string message, bool isTimeout, Exception? innerException) : base(message, innerException)
    {
        IsTimeout = isTimeout;
    }

    /// <summary>True when the request timed out rather than failed outright.</summary>
    public bool IsTimeout { get; }
}
