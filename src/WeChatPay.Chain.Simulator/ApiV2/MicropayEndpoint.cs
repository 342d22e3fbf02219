namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/micropay</c>: the cashier scans the payer's code and the order is placed and paid in one call. The
/// <c>auth_code</c> decides what the payer does (<see cref="SimulatedAuthCodes"/>): pays at once, or must enter a
/// password, which answers <c>USERPAYING</c> and leaves the order waiting for <c>pay/orderquery</c> to find it paid.
/// </summary>
internal sealed class MicropayEndpoint(ApiV2OrderStore orders, TimeProvider time)
{
    /// <summary>How many queries see a password-waiting order still waiting: the first, so a client has to poll.</summary>
    private const int QueriesWhileWaiting = 1;

    /// <exception cref="ApiV2Failure">
    /// Refused for a missing or malformed field; <c>AUTH_CODE_INVALID</c>; <c>USERPAYING</c> (the payer must enter a
    /// password); for a known <c>out_trade_no</c>, <c>ORDERPAID</c>, <c>USERPAYING</c> or <c>OUT_TRADE_NO_USED</c>.
    /// </exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var placed = OrderRequest.Read(request);
        var authCode = request.Required("auth_code", 128);
        if (!SimulatedAuthCodes.IsValid(authCode))
            throw ApiV2Failure.Business("AUTH_CODE_INVALID", "付款码无效: auth_code must be 18 digits whose first two are 10 to 15; scan the payer's code again");

        return orders.Atomically(() =>
        {
            if (orders.Find(placed.OutTradeNo) is { } existing) throw Repeated(existing);
            // The payer's openid, as WeChat Pay reports it once the payment code is scanned.
            var order = placed.Place("MICROPAY", "o" + Crypto.Nonce.Create(27));
            orders.Add(order);
            if (SimulatedAuthCodes.AsksForPassword(authCode))
            {
                order.WaitForPassword(QueriesWhileWaiting);
                throw UserPaying();
            }
            order.Pay(time.GetUtcNow());
            return ApiV2Result.Of(order.Fields());
        });
    }

    private static ApiV2Failure UserPaying()
        => ApiV2Failure.Business("USERPAYING", "需要用户输入支付密码: query the order with pay/orderquery until it is paid, rather than paying again");

    private static ApiV2Failure Repeated(ApiV2Order existing) => existing.State switch
    {
        ApiV2TradeState.Success or ApiV2TradeState.Refund => ApiV2Failure.Business("ORDERPAID", $"订单已支付: out_trade_no {existing.OutTradeNo} is paid already"),
        ApiV2TradeState.UserPaying => UserPaying(),
        _ => ApiV2Failure.Business("OUT_TRADE_NO_USED", $"商户订单号重复: out_trade_no {existing.OutTradeNo} belongs to an order placed before; use a new one"),
    };
}
