using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>
/// Times the phases of a cold-start child and the JIT work in each (<see cref="JitInfo"/>), and writes them only at
/// the end, so that writing to the console is not charged to any phase.
/// </summary>
public sealed class PhaseClock
{
    /// <summary>The separator of the fields in the lines the child prints; phase names contain spaces.</summary>
    public const char Separator = '|';

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly List<string> _lines = [];
    private long _last;
    private TimeSpan _lastJit;
    private long _lastMethods;

    /// <summary>Starts timing now, which should be the first thing <c>Main</c> does.</summary>
    public PhaseClock()
    {
        _last = _started;
        _lastJit = JitInfo.GetCompilationTime();
        _lastMethods = JitInfo.GetCompiledMethodCount();
    }

    /// <summary>Ends the current phase and starts the next.</summary>
    public void Mark(string phase)
    {
        var now = Stopwatch.GetTimestamp();
        var jit = JitInfo.GetCompilationTime();
        var methods = JitInfo.GetCompiledMethodCount();
        _lines.Add(string.Join(Separator, "phase", phase, Ms(Stopwatch.GetElapsedTime(_last, now)), Ms(jit - _lastJit), methods - _lastMethods));
        (_last, _lastJit, _lastMethods) = (now, jit, methods);
    }

    /// <summary>Writes the phases, then the <c>verified</c> line the parent stops its clock at.</summary>
    public void Finish(int bodyLength)
    {
        var inMain = Stopwatch.GetElapsedTime(_started);
        var totalJit = JitInfo.GetCompilationTime();
        foreach (var line in _lines) Console.Out.WriteLine(line);
        Console.Out.WriteLine(string.Join(Separator, "verified", Ms(inMain), Ms(totalJit), JitInfo.GetCompiledMethodCount(), bodyLength));
        Console.Out.Flush();
    }

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);
}
