namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>The <c>trade_state</c> values the simulator's APIv2 orders take, and the <c>trade_state_desc</c> of each.</summary>
internal static class ApiV2TradeState
{
    /// <summary>Placed with <c>pay/unifiedorder</c> and not paid.</summary>
    public const string NotPay = "NOTPAY";

    /// <summary>A micropay waiting for the payer's password; the next query finds it paid.</summary>
    public const string UserPaying = "USERPAYING";

    public const string Success = "SUCCESS";

    /// <summary>Closed with <c>pay/closeorder</c> before it was paid.</summary>
    public const string Closed = "CLOSED";

    /// <summary>Paid, then refunded in part or in full.</summary>
    public const string Refund = "REFUND";

    public static string Describe(string state) => state switch
    {
        NotPay => "订单未支付",
        UserPaying => "需要用户输入支付密码",
        Success => "支付成功",
        Closed => "订单已关闭",
        Refund => "订单转入退款",
        _ => state,
    };
}
