using System.Diagnostics;
using System.Globalization;

namespace WeChatPay.Chain.Benchmarks.Reporting;

/// <summary>
/// How much of the machine other processes used while a run went on: all busy CPU time (from <c>/proc/stat</c>)
/// minus this process's own, as a share of the wall time of every core. A shared 2-core machine drifts; this says by
/// how much, so a reader can tell a clean run from a disturbed one.
/// </summary>
public sealed class ForeignLoad
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _ownCpu = Environment.CpuUsage.TotalTime;
    private readonly double? _busySeconds = BusySeconds();

    /// <summary>The share (0–1) of all cores' time used by other processes since this was created; null where <c>/proc/stat</c> is missing.</summary>
    public double? Share()
    {
        if (_busySeconds is not { } before || BusySeconds() is not { } after) return null;
        var own = (Environment.CpuUsage.TotalTime - _ownCpu).TotalSeconds;
        var capacity = Stopwatch.GetElapsedTime(_started).TotalSeconds * Environment.ProcessorCount;
        return Math.Clamp((after - before - own) / capacity, 0, 1);
    }

    /// <summary>A line for the report.</summary>
    public string Describe() => Share() is { } share
        ? $"other processes used {share:P0} of the machine's CPU during this run{(share > 0.05 ? " (disturbed: compare ratios, not absolute numbers)" : "")}"
        : "other processes' CPU use unknown (no /proc/stat)";

    private static double? BusySeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal ...  (in clock ticks, USER_HZ = 100 on Linux)
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = ticks.Sum() - ticks[3] - ticks[4];
            return busy / 100.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
