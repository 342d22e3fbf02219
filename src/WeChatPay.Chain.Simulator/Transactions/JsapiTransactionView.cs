namespace WeChatPay.Chain.Simulator;

/// <summary>A JSAPI payment order as the simulator holds it.</summary>
/// <param name="OutTradeNo">The merchant's order number.</param>
/// <param name="PrepayId">The <c>prepay_id</c> answered on placing it; the front end pays with <c>package=prepay_id=…</c>.</param>
/// <param name="AppId">The appid it was placed for; the front end's <c>appId</c> must be the same.</param>
/// <param name="Total">The amount in fen.</param>
/// <param name="TradeState"><c>NOTPAY</c> until the simulated user pays, then <c>SUCCESS</c>.</param>
/// <param name="TransactionId">WeChat Pay's transaction id once paid; null before.</param>
public sealed record JsapiTransactionView(string OutTradeNo, string PrepayId, string AppId, long Total, string TradeState, string? TransactionId);
