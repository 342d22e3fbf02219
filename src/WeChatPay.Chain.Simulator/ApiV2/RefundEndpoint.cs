namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /secapi/pay/refund</c>: refunds a paid order, at once, in one part or several, up to its total. The same
/// <c>out_refund_no</c> repeated with the same amount answers the refund already made. The merchant certificate this
/// endpoint needs over mutual TLS is checked before the request reaches here (<see cref="MerchantCertificateCheck"/>).
/// </summary>
internal sealed class RefundEndpoint(ApiV2OrderStore orders, TimeProvider time)
{
    /// <exception cref="ApiV2Failure">
    /// Refused for a missing or malformed field, and (<c>invalid refund_fee</c>) for a refund larger than the
    /// <c>total_fee</c> given; <c>ORDERNOTEXIST</c>; <c>INVALID_REQUEST</c> for an unpaid order, a <c>total_fee</c> that
    /// is not the order's, an <c>out_refund_no</c> of another order, or refunds adding up to more than was paid;
    /// <c>REFUND_FEE_MISMATCH</c> for an <c>out_refund_no</c> repeated with another amount.
    /// </exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var outRefundNo = request.MerchantNumberField("out_refund_no", 64);
        var totalFee = request.Fen("total_fee");
        var refundFee = request.Fen("refund_fee");
        if (refundFee > totalFee) throw ApiV2Failure.Refused("invalid refund_fee", description: $"refund_fee {refundFee} is more than total_fee {totalFee}");
        return orders.Atomically(() =>
        {
            var order = orders.FindFor(request);
            if (order.Refunds.Find(refund => refund.OutRefundNo == outRefundNo) is { } made)
            {
                return made.Fee == refundFee
                    ? ApiV2Result.Of(Answer(order, made))
                    : throw ApiV2Failure.Business("REFUND_FEE_MISMATCH", $"同一笔退款金额须一致: out_refund_no {outRefundNo} refunded {made.Fee} fen, not {refundFee}");
            }
            if (orders.SelectMany(other => other.Refunds.Where(refund => refund.OutRefundNo == outRefundNo)).Count > 0)
                throw Invalid($"out_refund_no {outRefundNo} belongs to a refund of another order; use a new one");
            if (!order.IsPaid) throw Invalid($"订单状态错误: the order is {order.State}; only a paid order can be refunded");
            if (totalFee != order.TotalFee) throw Invalid($"订单金额不一致: total_fee must be the order's total, {order.TotalFee} fen, not {totalFee}");
            var left = order.TotalFee - order.RefundedFee;
            if (refundFee > left) throw Invalid($"累计退款金额大于支付金额: {left} fen of {order.TotalFee} is left to refund, not {refundFee}");
            return ApiV2Result.Of(Answer(order, order.Refund(outRefundNo, refundFee, time.GetUtcNow())));
        });
    }

    private static ApiV2Failure Invalid(string description) => ApiV2Failure.Business("INVALID_REQUEST", description);

    private static List<KeyValuePair<string, string>> Answer(ApiV2Order order, ApiV2Refund refund) =>
    [
        new("transaction_id", order.TransactionId!),
        new("out_trade_no", order.OutTradeNo),
        new("out_refund_no", refund.OutRefundNo),
        new("refund_id", refund.RefundId),
        new("refund_fee", ApiV2Order.Fen(refund.Fee)),
        new("settlement_refund_fee", ApiV2Order.Fen(refund.Fee)),
        new("total_fee", ApiV2Order.Fen(order.TotalFee)),
        new("settlement_total_fee", ApiV2Order.Fen(order.TotalFee)),
        new("fee_type", "CNY"),
        new("cash_fee", ApiV2Order.Fen(order.TotalFee)),
        new("cash_refund_fee", ApiV2Order.Fen(refund.Fee)),
    ];
}
