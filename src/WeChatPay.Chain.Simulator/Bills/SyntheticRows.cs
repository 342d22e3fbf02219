using System.Globalization;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// Made-up bill lines for days without real ones, and padding for bills that must be large. Every value derives from
/// the bill date and the line's index alone, so the same request gives the same bytes and the same digest every time.
/// </summary>
internal static class SyntheticRows
{
    /// <summary>How many lines a bill gets when the simulator has nothing real for that day.</summary>
    public const int ForEmptyDay = 3;

    private const string AppId = "wxd678efh567hg6787";

    public static IEnumerable<TradeBillRow> Trades(DateOnly date, int count, bool refunds)
    {
        for (var i = 0; i < count; i++)
        {
            var amount = Amount(i);
            var row = new TradeBillRow(Time(date, i), AppId, Number("4200", date, i, 28), $"SIM{date:yyyyMMdd}{i:D8}", $"oSIMsynthetic{i:D15}",
                "JSAPI", amount, "模拟商品", $"synthetic-{i}");
            yield return refunds ? row with { RefundId = Number("5030", date, i, 29), OutRefundNo = $"SIMR{date:yyyyMMdd}{i:D8}", RefundFen = amount } : row;
        }
    }

    public static IEnumerable<FundFlowRow> Funds(DateOnly date, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var number = Number("4200", date, i, 28);
            yield return new FundFlowRow(Time(date, i), number, number, "交易", "交易", Income: true, Amount(i));
        }
    }

    /// <summary>Spread over the day, one second apart, wrapping after a day's worth.</summary>
    private static DateTimeOffset Time(DateOnly date, int index) => BillDate.Start(date).AddSeconds(index % 86_400);

    /// <summary>Between 0.01 and 99.99 yuan.</summary>
    private static long Amount(int index) => (long)index * 7919 % 9999 + 1;

    /// <summary>A digit string of <paramref name="length"/> digits: the prefix, the date, and the index zero-padded.</summary>
    private static string Number(string prefix, DateOnly date, int index, int length)
    {
        var head = prefix + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return head + index.ToString(CultureInfo.InvariantCulture).PadLeft(length - head.Length, '0');
    }
}
