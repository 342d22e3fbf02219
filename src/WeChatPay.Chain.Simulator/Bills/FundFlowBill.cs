using System.Globalization;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// Writes a fund-flow bill: one line per movement of money with the balance after it, then the summary (row count,
/// incomes and their sum, expenses and their sum). Balances start from zero on the bill's day.
/// </summary>
internal static class FundFlowBill
{
    private static readonly string[] Columns =
        ["记账时间", "微信支付业务单号", "资金流水单号", "业务名称", "业务类型", "收支类型", "收支金额(元)", "账户结余(元)", "资金变更提交申请人", "备注", "业务凭证号"];

    private static readonly string[] SummaryColumns = ["资金流水总笔数", "收入笔数", "收入金额", "支出笔数", "支出金额"];

    public static byte[] Write(IReadOnlyList<FundFlowRow> rows)
    {
        var csv = new BillCsv().Header(Columns);
        long balance = 0, incomeFen = 0, expenseFen = 0;
        var incomes = 0;
        foreach (var row in rows)
        {
            if (row.Income)
            {
                balance += row.AmountFen;
                incomeFen += row.AmountFen;
                incomes++;
            }
            else
            {
                balance -= row.AmountFen;
                expenseFen += row.AmountFen;
            }
            csv.Fields(
            [
                WireTime.Spaced(row.Time), row.BusinessNo, row.FlowNo, row.BusinessName, row.BusinessType, row.Income ? "收入" : "支出",
                BillMoney.Yuan(row.AmountFen), BillMoney.Yuan(balance), "system", "缺省", "",
            ]);
        }
        var count = (int n) => n.ToString(CultureInfo.InvariantCulture);
        return csv.Header(SummaryColumns)
            .Fields([count(rows.Count), count(incomes), BillMoney.Yuan(incomeFen), count(rows.Count - incomes), BillMoney.Yuan(expenseFen)])
            .ToBytes();
    }
}
