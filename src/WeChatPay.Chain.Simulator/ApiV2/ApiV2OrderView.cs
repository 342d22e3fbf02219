namespace WeChatPay.Chain.Simulator;

/// <summary>An APIv2 order (<c>pay/micropay</c>, <c>pay/unifiedorder</c>) as the simulator holds it.</summary>
/// <param name="OutTradeNo">The merchant's order number.</param>
/// <param name="TradeType"><c>MICROPAY</c>, or the <c>trade_type</c> it was placed with (<c>JSAPI</c>, <c>NATIVE</c>, <c>APP</c>).</param>
/// <param name="TradeState"><c>NOTPAY</c>, <c>USERPAYING</c>, <c>SUCCESS</c>, <c>CLOSED</c> or <c>REFUND</c>.</param>
/// <param name="TotalFee">The amount in fen.</param>
/// <param name="TransactionId">WeChat Pay's transaction id once paid; null before.</param>
/// <param name="RefundedFee">How much has been refunded so far, in fen.</param>
public sealed record ApiV2OrderView(string OutTradeNo, string TradeType, string TradeState, long TotalFee, string? TransactionId, long RefundedFee);
