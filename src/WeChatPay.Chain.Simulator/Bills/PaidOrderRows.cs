using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// The bill lines the simulator's own smart-retail orders make: one payment per order paid (USER_PAID) on the bill's
/// Beijing day, under its <c>finish_transaction_id</c>, trade type <c>DEDUCT</c> (the order's <c>pay_type</c>).
/// </summary>
internal sealed class PaidOrderRows
{
    private const string DefaultProductName = "智慧零售";

    private readonly SmartRetailOrderStore _orders;

    public PaidOrderRows(SmartRetailOrderStore orders) => _orders = orders;

    public IReadOnlyList<TradeBillRow> Trades(DateOnly date) => _orders.Select(order =>
        PaidOn(order, date) is { } paid
            ? new TradeBillRow(paid, order.AppId, order.FinishTransactionId!, order.OutOrderNo, order.OpenId ?? "", order.PayType ?? "DEDUCT",
                order.TotalAmount ?? 0, order.Request.ServiceIntroduction ?? DefaultProductName, order.Request.Attach ?? "")
            : null);

    public IReadOnlyList<FundFlowRow> Funds(DateOnly date) => _orders.Select(order =>
        PaidOn(order, date) is { } paid
            ? new FundFlowRow(paid, order.FinishTransactionId!, order.FinishTransactionId!, "交易", "交易", Income: true, order.TotalAmount ?? 0)
            : null);

    private static DateTimeOffset? PaidOn(SmartRetailOrder order, DateOnly date)
        => order is { State: SmartRetailOrderState.UserPaid, PaidAt: { } paid, FinishTransactionId: not null } && BillDate.Of(paid) == date ? paid : null;
}
