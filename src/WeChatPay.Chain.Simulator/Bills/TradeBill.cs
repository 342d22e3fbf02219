using System.Globalization;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// Writes a trade bill in the columns of WeChat Pay's <c>ALL</c> bill (used for every <c>bill_type</c>), followed by the
/// summary: row count, settled total, refunded total, recharge-coupon refunds, fees, order total, refunds applied for.
/// </summary>
internal static class TradeBill
{
    private static readonly string[] Columns =
    [
        "交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号", "商户订单号", "用户标识", "交易类型", "交易状态",
        "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型",
        "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额", "申请退款金额", "费率备注",
    ];

    private static readonly string[] SummaryColumns = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];

    public static byte[] Write(string mchId, IReadOnlyList<TradeBillRow> rows)
    {
        var csv = new BillCsv().Header(Columns);
        long settled = 0, refunded = 0, feeBase = 0, ordered = 0;
        foreach (var row in rows)
        {
            var settledFen = row.IsRefund ? 0 : row.AmountFen;
            var feeBaseFen = row.IsRefund ? -row.RefundFen : row.AmountFen;
            settled += settledFen;
            refunded += row.RefundFen;
            feeBase += feeBaseFen;
            ordered += row.AmountFen;
            csv.Fields(
            [
                WireTime.Spaced(row.Time), row.AppId, mchId, "0", "", row.TransactionId, row.OutTradeNo, row.OpenId, row.TradeType,
                row.IsRefund ? "REFUND" : "SUCCESS", "OTHERS", "CNY", BillMoney.Yuan(settledFen), "0.00",
                row.RefundId ?? "0", row.OutRefundNo ?? "0", BillMoney.Yuan(row.RefundFen), "0.00",
                row.IsRefund ? "ORIGINAL" : "", row.IsRefund ? "SUCCESS" : "", row.ProductName, row.Attach,
                BillMoney.Fee(feeBaseFen), BillMoney.FeeRate, BillMoney.Yuan(row.AmountFen), BillMoney.Yuan(row.RefundFen), "",
            ]);
        }
        return csv.Header(SummaryColumns)
            .Fields([rows.Count.ToString(CultureInfo.InvariantCulture), BillMoney.Yuan(settled), BillMoney.Yuan(refunded), "0.00", BillMoney.Fee(feeBase), BillMoney.Yuan(ordered), BillMoney.Yuan(refunded)])
            .ToBytes();
    }
}
