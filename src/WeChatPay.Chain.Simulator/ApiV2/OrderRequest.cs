namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// What the calls that place an order (<c>pay/micropay</c>, <c>pay/unifiedorder</c>) share: <c>out_trade_no</c>,
/// <c>body</c>, <c>total_fee</c> in fen and <c>spbill_create_ip</c>, required; <c>attach</c> and <c>device_info</c>, kept
/// and echoed when given.
/// </summary>
/// <param name="AppId">The appid the order is for.</param>
/// <param name="OutTradeNo">The merchant's order number.</param>
/// <param name="Body">The product description, the bill's product name.</param>
/// <param name="TotalFee">The amount in fen.</param>
/// <param name="Attach">The merchant's data, echoed in answers and bills.</param>
/// <param name="DeviceInfo">The terminal, echoed in answers.</param>
internal sealed record OrderRequest(string AppId, string OutTradeNo, string Body, long TotalFee, string? Attach, string? DeviceInfo)
{
    /// <exception cref="ApiV2Failure">Refused: a field is missing or malformed; the message names it.</exception>
    public static OrderRequest Read(VerifiedRequest request)
    {
        var outTradeNo = request.MerchantNumberField("out_trade_no");
        var body = request.Required("body", 128);
        var totalFee = request.Fen("total_fee");
        request.Required("spbill_create_ip", 64);
        return new OrderRequest(request.AppId, outTradeNo, body, totalFee, request.Optional("attach", 127), request.Optional("device_info"));
    }

    /// <summary>A new, unpaid order for this request.</summary>
    public ApiV2Order Place(string tradeType, string openId) => new(this, tradeType, openId);
}
