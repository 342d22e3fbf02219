namespace WeChatPay.Chain;

/// <summary>
/// What an attempt's signature covers, made only when <see cref="WeChatPayCall.SignedMessage"/> is read: the attempt keeps
/// the parts, and most calls never ask.
/// </summary>
internal interface ISignedMessageSource
{
    /// <summary>The exact bytes the signature covers, as a new array.</summary>
    byte[] SignedMessage();
}
