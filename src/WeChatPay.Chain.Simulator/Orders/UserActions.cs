using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// What the user does on WeChat's side, which no merchant API can do: confirm an order and pay for it. The simulator
/// exposes these through its control endpoints and C# methods; each produces the notification WeChat Pay would send.
/// </summary>
internal sealed class UserActions
{
    private readonly SmartRetailOrderStore _store;
    private readonly TimeProvider _time;
    private readonly string _mchId;

    public UserActions(SmartRetailOrderStore store, TimeProvider time, string mchId)
    {
        _store = store;
        _time = time;
        _mchId = mchId;
    }

    /// <summary>CREATED → USER_ACCEPTED: the user confirms, and the order gets its finish ticket.</summary>
    public UserActionResult Accept(string outOrderNo) => _store.WithOrder(outOrderNo, order =>
    {
        SmartRetailOrderEndpoints.RequireState(order, SmartRetailOrderState.Created, "accept");
        order.State = SmartRetailOrderState.UserAccepted;
        order.FinishTicket = Nonce.Create(40);
        order.OpenId ??= "oSIM" + Nonce.Create(24);
        return new UserActionResult(order.ToView(), OrderJson.Full(order, _mchId), PayscoreEvent.UserConfirm);
    });

    /// <summary>FINISHED → USER_PAID: the deduction succeeds.</summary>
    public UserActionResult Pay(string outOrderNo) => _store.WithOrder(outOrderNo, order =>
    {
        SmartRetailOrderEndpoints.RequireState(order, SmartRetailOrderState.Finished, "pay");
        order.State = SmartRetailOrderState.UserPaid;
        order.PaidAt = _time.GetUtcNow();
        order.FinishTransactionId = TransactionIds.New();
        order.PayType = "DEDUCT";
        return new UserActionResult(order.ToView(), OrderJson.Full(order, _mchId), PayscoreEvent.UserPaid);
    });
}
