using System.Globalization;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/refundquery</c>: refunds found by <c>refund_id</c>, <c>out_refund_no</c>, <c>transaction_id</c> or
/// <c>out_trade_no</c> — the first of these given decides, in WeChat Pay's order. A refund's id or number answers that
/// refund; an order's, all of its refunds. They are listed as <c>refund_count</c> and fields numbered from 0
/// (<c>out_refund_no_0</c>, <c>refund_status_0</c>, …). The simulator takes refunds at once, so each is SUCCESS.
/// </summary>
internal sealed class RefundQueryEndpoint(ApiV2OrderStore orders)
{
    /// <exception cref="ApiV2Failure">Refused when no number is given; <c>REFUNDNOTEXIST</c> when no refund matches.</exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var (name, value, matches) = Key(request);
        var found = orders.SelectMany(order => order.Refunds.Where(refund => matches(order, refund)).Select(refund => (Order: order, Refund: refund)));
        if (found.Count == 0) throw ApiV2Failure.Business("REFUNDNOTEXIST", $"退款订单查询失败: no refund has {name} {value}");
        var order = found[0].Order;
        List<KeyValuePair<string, string>> fields =
        [
            new("transaction_id", order.TransactionId!),
            new("out_trade_no", order.OutTradeNo),
            new("total_fee", ApiV2Order.Fen(order.TotalFee)),
            new("settlement_total_fee", ApiV2Order.Fen(order.TotalFee)),
            new("fee_type", "CNY"),
            new("cash_fee", ApiV2Order.Fen(order.TotalFee)),
            new("total_refund_count", order.Refunds.Count.ToString(CultureInfo.InvariantCulture)),
            new("refund_count", found.Count.ToString(CultureInfo.InvariantCulture)),
        ];
        for (var n = 0; n < found.Count; n++)
        {
            var refund = found[n].Refund;
            var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            fields.Add(new("out_refund_no" + suffix, refund.OutRefundNo));
            fields.Add(new("refund_id" + suffix, refund.RefundId));
            fields.Add(new("refund_channel" + suffix, "ORIGINAL"));
            fields.Add(new("refund_fee" + suffix, ApiV2Order.Fen(refund.Fee)));
            fields.Add(new("settlement_refund_fee" + suffix, ApiV2Order.Fen(refund.Fee)));
            fields.Add(new("refund_status" + suffix, "SUCCESS"));
            fields.Add(new("refund_account" + suffix, "REFUND_SOURCE_UNSETTLED_FUNDS"));
            fields.Add(new("refund_recv_accout" + suffix, "支付用户的零钱"));
            fields.Add(new("refund_success_time" + suffix, WireTime.Spaced(refund.At)));
        }
        return ApiV2Result.Of(fields);
    }

    /// <summary>The number the request looks refunds up by, and how a refund of an order matches it.</summary>
    private static (string Name, string Value, Func<ApiV2Order, ApiV2Refund, bool> Matches) Key(VerifiedRequest request)
    {
        if (request.Optional("refund_id", 32) is { } refundId) return ("refund_id", refundId, (_, refund) => refund.RefundId == refundId);
        if (request.OptionalMerchantNumber("out_refund_no", 64) is { } outRefundNo) return ("out_refund_no", outRefundNo, (_, refund) => refund.OutRefundNo == outRefundNo);
        if (request.Optional("transaction_id", 32) is { } transactionId) return ("transaction_id", transactionId, (order, _) => order.TransactionId == transactionId);
        if (request.OptionalMerchantNumber("out_trade_no") is { } outTradeNo) return ("out_trade_no", outTradeNo, (order, _) => order.OutTradeNo == outTradeNo);
        throw ApiV2Failure.Missing("refund_id, out_refund_no, transaction_id or out_trade_no");
    }
}
