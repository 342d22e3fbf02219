using System.Diagnostics;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.InProcess;

/// <summary>
/// The whole-call comparison without BenchmarkDotNet, fast enough for <c>--quick</c>: the contenders take turns in
/// many short rounds (the order rotating each round), each turn timing a small batch of calls and counting the bytes
/// allocated. On a shared machine whose speed drifts, short turns put every contender under the same conditions;
/// ratios are the median of the per-round ratios to the baseline.
/// </summary>
/// <param name="rounds">How many turns each contender gets per API.</param>
/// <param name="callsPerRound">Calls per turn.</param>
/// <param name="warmupCalls">Calls per contender before measuring, for the JIT's tiers to settle.</param>
public sealed class InterleavedComparison(int rounds, int callsPerRound, int warmupCalls)
{
    /// <summary>Runs both APIs, prints a table, and records the ratios against the in-process targets.</summary>
    public async Task RunAsync(TextWriter output, Headlines headlines)
    {
        var contenders = InMemoryScenario.Create().Contenders.All(withReference: true);
        try
        {
            var table = new Table("api", "contender", "us/call", "us/call over baseline", "bytes/call", "time ratio", "alloc ratio");
            foreach (var api in Enum.GetValues<CallApi>())
            {
                foreach (var contender in contenders) await CallsAsync(contender, api, warmupCalls);
                var samples = contenders.ToDictionary(c => c, _ => new List<(double Micros, double Bytes)>());
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var contender in Rotate(contenders, round))
                        samples[contender].Add(await MeasureAsync(contender, api));
                }
                var baseline = samples[contenders.Single(c => c.IsBaseline)];
                foreach (var contender in contenders)
                {
                    var own = samples[contender];
                    var timeRatio = Statistics.Median(own.Select((s, i) => s.Micros / baseline[i].Micros));
                    var allocRatio = Statistics.Median(own.Select((s, i) => s.Bytes / baseline[i].Bytes));
                    var extra = Statistics.Median(own.Select((s, i) => s.Micros - baseline[i].Micros));
                    table.Add(api.ToString().ToLowerInvariant(), contender.Name, Statistics.Median(own.Select(s => s.Micros)), extra,
                        Statistics.Median(own.Select(s => s.Bytes)), timeRatio, allocRatio);
                    if (contender.IsBaseline || contender.IsReference) continue;
                    headlines.AtMost($"in-process {api.ToString().ToLowerInvariant()} {contender.Name} time vs baseline", timeRatio, 1.05);
                    headlines.AtMost($"in-process {api.ToString().ToLowerInvariant()} {contender.Name} allocated bytes vs baseline", allocRatio, 1.5);
                }
            }
            output.WriteLine($"In process, in-memory transport: {rounds} rounds x {callsPerRound} calls per contender and API; medians.");
            table.WriteTo(output);
        }
        finally
        {
            foreach (var contender in contenders) contender.Dispose();
        }
    }

    private async Task<(double Micros, double Bytes)> MeasureAsync(Contender contender, CallApi api)
    {
        // No forced collection between turns: a contender that allocates more pays for the collections it causes.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await CallsAsync(contender, api, callsPerRound);
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (elapsed.TotalMicroseconds / callsPerRound, (double)allocated / callsPerRound);
    }

    private static async Task CallsAsync(Contender contender, CallApi api, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var length = api == CallApi.Async ? await contender.CallAsync() : contender.Call();
            if (length == 0) throw new InvalidOperationException($"{contender} returned an empty body.");
        }
    }

    private static IEnumerable<Contender> Rotate(Contender[] contenders, int round)
        => contenders.Skip(round % contenders.Length).Concat(contenders.Take(round % contenders.Length));
}
