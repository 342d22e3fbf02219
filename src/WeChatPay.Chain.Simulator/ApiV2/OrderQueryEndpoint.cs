namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/orderquery</c>: the order by <c>transaction_id</c> or <c>out_trade_no</c>, with its <c>trade_state</c>.
/// A query is what lets a micropay waiting for the payer's password move on: the first reports USERPAYING, the next
/// finds it paid.
/// </summary>
internal sealed class OrderQueryEndpoint(ApiV2OrderStore orders, TimeProvider time)
{
    /// <exception cref="ApiV2Failure">Refused when neither number is given; <c>ORDERNOTEXIST</c>.</exception>
    public ApiV2Result Handle(VerifiedRequest request) => orders.Atomically(() =>
    {
        var order = orders.FindFor(request);
        order.Queried(time.GetUtcNow());
        var fields = order.Fields();
        fields.Add(new("trade_state", order.State));
        fields.Add(new("trade_state_desc", ApiV2TradeState.Describe(order.State)));
        return ApiV2Result.Of(fields);
    });
}
