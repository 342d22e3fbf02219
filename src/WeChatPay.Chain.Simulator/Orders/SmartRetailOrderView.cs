namespace WeChatPay.Chain.Simulator;

/// <summary>A snapshot of a simulated order, for tests and the CLI; the order itself lives on in the simulator.</summary>
/// <param name="OutOrderNo">The merchant's order number.</param>
/// <param name="OrderId">The simulator's order id (what <c>query_id</c> looks up).</param>
/// <param name="ServiceId">The payscore service id the order was created under.</param>
/// <param name="AppId">The app id the order was created for.</param>
/// <param name="State">The state at the time of the snapshot.</param>
/// <param name="FinishTicket">The ticket <c>complete</c> must quote; null until the user accepts.</param>
/// <param name="TotalAmount">The amount completed with, in fen; null until completed.</param>
/// <param name="NotifyUrl">Where this order's notifications go; null when the server-wide URL applies.</param>
public sealed record SmartRetailOrderView(
    string OutOrderNo,
    string OrderId,
    string ServiceId,
    string AppId,
    SmartRetailOrderState State,
    string? FinishTicket,
    long? TotalAmount,
    Uri? NotifyUrl)
{
    /// <summary>
    /// The scheme the order was created in: its notifications come signed and encrypted the same way (RSA and
    /// AEAD_AES_256_GCM, or 国密: SM2 and AEAD_SM4_GCM).
    /// </summary>
    public SignatureScheme Scheme { get; init; }
}
