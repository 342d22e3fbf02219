namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary><c>POST /pay/closeorder</c>: closes an unpaid (NOTPAY) order by <c>out_trade_no</c>, so it can no longer be paid.</summary>
internal sealed class CloseOrderEndpoint(ApiV2OrderStore orders)
{
    /// <exception cref="ApiV2Failure">
    /// Refused without <c>out_trade_no</c>; <c>ORDERNOTEXIST</c>; <c>ORDERPAID</c> for a paid order; <c>ORDERCLOSED</c>;
    /// <c>USERPAYING</c> for a micropay waiting for the payer.
    /// </exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var outTradeNo = request.MerchantNumberField("out_trade_no");
        return orders.Atomically(() =>
        {
            var order = orders.Find(outTradeNo)
                ?? throw ApiV2Failure.Business(ApiV2OrderStore.OrderNotExist, $"此交易订单号不存在: no order has out_trade_no {outTradeNo}");
            switch (order.State)
            {
                case ApiV2TradeState.NotPay:
                    order.Close();
                    return ApiV2Result.Of([new("result_msg", "OK")]);
                case ApiV2TradeState.Closed:
                    throw ApiV2Failure.Business("ORDERCLOSED", $"订单已关闭: out_trade_no {outTradeNo} is closed already");
                case ApiV2TradeState.UserPaying:
                    throw ApiV2Failure.Business("USERPAYING", $"用户支付中: out_trade_no {outTradeNo} waits for the payer's password; query it until it ends");
                default:
                    throw ApiV2Failure.Business("ORDERPAID", $"订单已支付，不能发起关单: out_trade_no {outTradeNo} is paid; refund it instead");
            }
        });
    }
}
