namespace WeChatPay.Chain.Benchmarks.Reporting;

/// <summary>Order statistics over samples: medians for the tables, percentiles for latency.</summary>
public static class Statistics
{
    /// <summary>The median; the mean of the two middle values when the count is even.</summary>
    public static double Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The nearest-rank percentile of an already sorted array, <paramref name="percent"/> in (0, 100].</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
