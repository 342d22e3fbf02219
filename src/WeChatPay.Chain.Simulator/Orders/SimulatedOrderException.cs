namespace WeChatPay.Chain.Simulator;

/// <summary>
/// A control action (accept, pay) that the order's state does not allow, or an order that does not exist.
/// <see cref="Code"/> is the WeChat Pay code the same refusal has on the wire.
/// </summary>
public sealed class SimulatedOrderException : WeChatPayException
{
    /// <summary>Creates the exception with the wire code and a message naming the order and its state.</summary>
    public SimulatedOrderException(string code, string message) : base(message) => Code = code;

    /// <summary><c>ORDER_NOT_EXIST</c> or <c>INVALID_REQUEST</c>.</summary>
    public string Code { get; }
}
