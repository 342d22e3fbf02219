namespace WeChatPay.Chain;

/// <summary>
/// The client's configuration is unusable: a missing merchant id, a key that cannot be parsed,
/// a platform key map that contains the merchant's own serial, and the like. Thrown at construction,
/// before any request is sent.
/// </summary>
public class ConfigurationException : WeChatPayException
{
    /// <summary>Creates the exception with a message that names the setting and the fix.</summary>
    public ConfigurationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying parser error.</summary>
    public ConfigurationException(string message, Exception? innerException) : base(message, innerException) { }
}
