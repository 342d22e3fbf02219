namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/unifiedorder</c>: places an unpaid (NOTPAY) order and answers its <c>prepay_id</c> (and <c>code_url</c>
/// for NATIVE). Placing the same <c>out_trade_no</c> again with the same amount and trade type answers the same
/// prepay id, as WeChat Pay does; the simulated payer never pays these orders.
/// </summary>
internal sealed class UnifiedOrderEndpoint(ApiV2OrderStore orders, TimeProvider time)
{
    private static readonly string[] TradeTypes = ["JSAPI", "NATIVE", "APP"];

    /// <exception cref="ApiV2Failure">
    /// Refused for a missing or malformed field (<c>openid</c> is required for JSAPI); for a known <c>out_trade_no</c>,
    /// <c>ORDERPAID</c>, <c>ORDERCLOSED</c> or, placed with other parameters or by micropay, <c>OUT_TRADE_NO_USED</c>.
    /// </exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var placed = OrderRequest.Read(request);
        var notifyUrl = request.Required("notify_url", 256);
        if (!Uri.TryCreate(notifyUrl, UriKind.Absolute, out var notify) || notify.Scheme is not ("http" or "https"))
            throw ApiV2Failure.Invalid("notify_url", "must be an absolute http or https URL");
        var tradeType = request.Required("trade_type", 16);
        if (!TradeTypes.Contains(tradeType, StringComparer.Ordinal))
            throw ApiV2Failure.Invalid("trade_type", $"must be one of {string.Join(", ", TradeTypes)} (MICROPAY goes through pay/micropay)");
        var openId = request.Optional("openid", 128);
        if (tradeType == "JSAPI" && openId is null) throw ApiV2Failure.Invalid("openid", "is required when trade_type is JSAPI");

        return orders.Atomically(() =>
        {
            if (orders.Find(placed.OutTradeNo) is { } existing)
                return ApiV2Result.Of(Answer(Repeat(existing, placed.TotalFee, tradeType)));
            var order = placed.Place(tradeType, openId ?? "");
            order.PrepayId = PrepayIds.New(time.GetUtcNow());
            if (tradeType == "NATIVE") order.CodeUrl = "weixin://wxpay/bizpayurl?pr=" + Crypto.Nonce.Create(7);
            orders.Add(order);
            return ApiV2Result.Of(Answer(order));
        });
    }

    private static ApiV2Order Repeat(ApiV2Order existing, long totalFee, string tradeType) => existing.State switch
    {
        ApiV2TradeState.Closed => throw ApiV2Failure.Business("ORDERCLOSED", $"订单已关闭: out_trade_no {existing.OutTradeNo} was closed; place the order under a new out_trade_no"),
        ApiV2TradeState.NotPay when existing.PrepayId is not null && existing.TotalFee == totalFee && existing.TradeType == tradeType => existing,
        ApiV2TradeState.Success or ApiV2TradeState.Refund => throw ApiV2Failure.Business("ORDERPAID", $"该订单已支付: out_trade_no {existing.OutTradeNo} is paid already"),
        _ => throw ApiV2Failure.Business("OUT_TRADE_NO_USED", $"商户订单号重复: out_trade_no {existing.OutTradeNo} was placed with other parameters; repeat them or use a new out_trade_no"),
    };

    private static List<KeyValuePair<string, string>> Answer(ApiV2Order order)
    {
        List<KeyValuePair<string, string>> fields = [new("trade_type", order.TradeType), new("prepay_id", order.PrepayId!)];
        if (order.Request.DeviceInfo is not null) fields.Insert(0, new("device_info", order.Request.DeviceInfo));
        if (order.CodeUrl is not null) fields.Add(new("code_url", order.CodeUrl));
        return fields;
    }
}
