namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>A payscore notification type with the summary WeChat Pay sends with it.</summary>
internal sealed record PayscoreEvent(string EventType, string Summary)
{
    public static readonly PayscoreEvent UserConfirm = new("PAYSCORE.USER_CONFIRM", "微信支付分服务订单用户已确认");

    public static readonly PayscoreEvent UserPaid = new("PAYSCORE.USER_PAID", "微信支付分服务订单支付成功");
}
