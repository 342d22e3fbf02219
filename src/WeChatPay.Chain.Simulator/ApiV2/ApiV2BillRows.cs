using WeChatPay.Chain.Simulator.Bills;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// The trade bill lines APIv2 orders make for a Beijing day: one per payment made that day and one per refund made
/// that day, in the columns of WeChat Pay's bill (<see cref="TradeBill"/>).
/// </summary>
internal sealed class ApiV2BillRows(ApiV2OrderStore orders)
{
    public IReadOnlyList<TradeBillRow> Payments(DateOnly date) => orders.SelectMany(order =>
        order is { IsPaid: true, PaidAt: { } paid } && BillDate.Of(paid) == date ? [Payment(order, paid)] : Array.Empty<TradeBillRow>());

    public IReadOnlyList<TradeBillRow> Refunds(DateOnly date) => orders.SelectMany(order => order.Refunds
        .Where(refund => BillDate.Of(refund.At) == date)
        .Select(refund => Payment(order, refund.At) with { RefundId = refund.RefundId, OutRefundNo = refund.OutRefundNo, RefundFen = refund.Fee }));

    /// <summary>The day's movements of the basic account: each payment an income, each refund an expense.</summary>
    public IReadOnlyList<FundFlowRow> Funds(DateOnly date) =>
    [
        .. Payments(date).Select(line => new FundFlowRow(line.Time, line.TransactionId, line.TransactionId, "交易", "交易", Income: true, line.AmountFen)),
        .. Refunds(date).Select(line => new FundFlowRow(line.Time, line.RefundId!, line.RefundId!, "退款", "退款", Income: false, line.RefundFen)),
    ];

    private static TradeBillRow Payment(ApiV2Order order, DateTimeOffset time)
        => new(time, order.Request.AppId, order.TransactionId!, order.OutTradeNo, order.OpenId, order.TradeType, order.TotalFee, order.Request.Body, order.Request.Attach ?? "");
}
