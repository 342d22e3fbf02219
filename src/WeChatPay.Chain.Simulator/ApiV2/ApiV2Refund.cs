namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>One refund of an APIv2 order, taken at once (the simulator has no refund processing to wait for).</summary>
/// <param name="OutRefundNo">The merchant's refund number.</param>
/// <param name="RefundId">WeChat Pay's refund id.</param>
/// <param name="Fee">The amount refunded, in fen.</param>
/// <param name="At">When it was taken.</param>
internal sealed record ApiV2Refund(string OutRefundNo, string RefundId, long Fee, DateTimeOffset At)
{
    /// <summary>A refund id in WeChat Pay's shape: <c>50</c> and 27 random digits.</summary>
    public static string NewId() => "50" + System.Security.Cryptography.RandomNumberGenerator.GetString("0123456789", 27);
}
