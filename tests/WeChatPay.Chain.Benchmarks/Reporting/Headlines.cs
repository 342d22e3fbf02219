namespace WeChatPay.Chain.Benchmarks.Reporting;

/// <summary>
/// The key ratios of a run, each against its target, collected as the runners go and printed together as the last
/// lines of the output, where a routine check (<c>--quick</c>) can read them.
/// </summary>
public sealed class Headlines
{
    private readonly List<string> _lines = [];

    /// <summary>Records a ratio that should be at most <paramref name="target"/> (times, allocations).</summary>
    public void AtMost(string what, double ratio, double target, string unit = "x") => Add(what, ratio, unit, $"<= {target:0.##}{unit}", ratio <= target);

    /// <summary>Records a ratio that should be at least <paramref name="target"/> (throughput).</summary>
    public void AtLeast(string what, double ratio, double target, string unit = "x") => Add(what, ratio, unit, $">= {target:0.##}{unit}", ratio >= target);

    /// <summary>Records a fact with no target.</summary>
    public void Note(string line) => _lines.Add(line);

    /// <summary>Writes the collected lines under a heading.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine("== key ratios ==");
        foreach (var line in _lines) output.WriteLine(line);
    }

    private void Add(string what, double value, string unit, string target, bool met)
        => _lines.Add($"{what}: {value.ToString(unit == "%" ? "0.0" : "0.000", System.Globalization.CultureInfo.InvariantCulture)}{unit} (target {target}) {(met ? "met" : "MISSED")}");
}
