namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>One line of a trade bill: a payment, or (with <see cref="RefundFen"/> above 0) a refund of one.</summary>
internal sealed record TradeBillRow(
    DateTimeOffset Time,
    string AppId,
    string TransactionId,
    string OutTradeNo,
    string OpenId,
    string TradeType,
    long AmountFen,
    string ProductName,
    string Attach,
    string? RefundId = null,
    string? OutRefundNo = null,
    long RefundFen = 0)
{
    public bool IsRefund => RefundFen > 0;
}
