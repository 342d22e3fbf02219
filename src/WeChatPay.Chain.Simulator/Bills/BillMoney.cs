using System.Globalization;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>Amounts as bills write them: yuan with two decimals, fees with five, where the APIs use fen.</summary>
internal static class BillMoney
{
    /// <summary>The fee rate written in the bill and applied to every row.</summary>
    public const string FeeRate = "0.60%";

    /// <summary>For example 450 fen as <c>4.50</c>.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The 0.6% fee on <paramref name="fen"/> in yuan with five decimals: exactly <c>fen × 6</c> hundred-thousandths of a
    /// yuan, so sums of fees never round.
    /// </summary>
    public static string Fee(long fen) => (fen * 6 / 100000m).ToString("0.00000", CultureInfo.InvariantCulture);
}
