using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Memory;

/// <summary>
/// Where one contender's bytes per call come from: the runtime's allocation samples (one per ~100 KB allocated, with its
/// stack, over an EventPipe session on this process) grouped by the innermost frame of the library, of Flurl or of the
/// benchmark's canned transport, and scaled to the exactly measured bytes per call. Samples, so a row is ±10 % or so;
/// the total is exact.
/// </summary>
/// <param name="contender">The contender's name: baseline, typed or dynamic.</param>
/// <param name="synchronous">Whether to make the calls through the synchronous API.</param>
/// <param name="calls">Calls sampled; 40,000 give some 5,000 samples.</param>
/// <param name="rows">How many allocation sites to list.</param>
public sealed class AllocationSites(string contender, bool synchronous, int calls, int rows)
{
    private const long GcKeyword = 0x1, LoaderKeyword = 0x8, JitKeyword = 0x10;

    /// <summary>Measures, samples and prints the bytes per call by owner and by site.</summary>
    public async Task RunAsync(TextWriter output, Headlines headlines)
    {
        var all = InMemoryScenario.Create().Contenders.All();
        try
        {
            var subject = all.FirstOrDefault(c => c.Name == contender)
                ?? throw new ArgumentException($"No contender '{contender}'; there are {string.Join(", ", all.Select(c => c.Name))}.");
            await CallsAsync(subject, 3_000);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await CallsAsync(subject, 5_000);
            var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / 5_000.0;

            var sites = await SampleAsync(subject);
            var sampled = sites.Values.Sum();
            double Scaled(long bytes) => bytes * perCall / sampled;

            var api = synchronous ? "sync" : "async";
            output.WriteLine($"Allocations of {contender} ({api}): {perCall:N0} bytes per call, {sampled / 1024:N0} KB sampled over {calls:N0} calls.");
            var owners = new Table("owner (innermost frame)", "bytes/call");
            foreach (var owner in sites.GroupBy(s => s.Key.Owner).OrderByDescending(g => g.Sum(s => s.Value)))
                owners.Add(owner.Key, Scaled(owner.Sum(s => s.Value)));
            owners.WriteTo(output);
            var table = new Table("bytes/call", "type", "allocated in", "called from");
            foreach (var (site, bytes) in sites.OrderByDescending(s => s.Value).Take(rows))
                table.Add(Scaled(bytes), site.Type, site.Frame, site.Caller);
            table.WriteTo(output);
            headlines.Note($"{contender} {api}: {perCall:N0} bytes per call; " +
                string.Join(", ", sites.GroupBy(s => s.Key.Owner).OrderByDescending(g => g.Sum(s => s.Value)).Select(g => $"{g.Key} {Scaled(g.Sum(s => s.Value)):N0}")));
        }
        finally
        {
            foreach (var c in all) c.Dispose();
        }
    }

    private async Task CallsAsync(Contender subject, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (synchronous) subject.Call();
            else await subject.CallAsync();
        }
    }

    private async Task<Dictionary<Site, long>> SampleAsync(Contender subject)
    {
        var trace = Path.Combine(Path.GetTempPath(), $"wechatpay-allocations-{Environment.ProcessId}.nettrace");
        try
        {
            var providers = new[] { new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, GcKeyword | LoaderKeyword | JitKeyword) };
            using (var session = new DiagnosticsClient(Environment.ProcessId).StartEventPipeSession(providers, requestRundown: true))
            {
                var copying = Task.Run(async () =>
                {
                    await using var file = File.Create(trace);
                    await session.EventStream.CopyToAsync(file);
                });
                await CallsAsync(subject, calls);
                await session.StopAsync(CancellationToken.None);
                await copying;
            }
            return Read(trace);
        }
        finally
        {
            File.Delete(trace);
            File.Delete(Path.ChangeExtension(trace, ".etlx"));
        }
    }

    private static Dictionary<Site, long> Read(string trace)
    {
        var sites = new Dictionary<Site, long>();
        using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(trace));
        foreach (var traced in log.Events)
        {
            if (traced is not GCAllocationTickTraceData sample) continue;
            var frames = new List<string>();
            for (var frame = sample.CallStack(); frame is not null && frames.Count < 40; frame = frame.Caller)
                frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?");
            var at = frames.FindIndex(f => OwnerOf(f) is not null);
            var site = at < 0
                ? new Site("other", sample.TypeName, frames.FirstOrDefault() ?? "?", "")
                : new Site(OwnerOf(frames[at])!, sample.TypeName, Short(frames[at]), at + 1 < frames.Count ? Short(frames[at + 1]) : "");
            sites[site] = sites.GetValueOrDefault(site) + sample.AllocationAmount64;
        }
        return sites;
    }

    private static string? OwnerOf(string frame) =>
        frame.StartsWith("WeChatPay.Chain.Benchmarks.", StringComparison.Ordinal) ? "benchmark (transport, contender)"
        : frame.StartsWith("WeChatPay.Chain.", StringComparison.Ordinal) ? "library"
        : frame.StartsWith("Flurl.", StringComparison.Ordinal) ? "Flurl"
        : null;

    /// <summary>A method name without its parameter list.</summary>
    private static string Short(string frame) => frame.IndexOf('(') is var open and > 0 ? frame[..open] : frame;

    private sealed record Site(string Owner, string Type, string Frame, string Caller);
}
