using System.Diagnostics;
using WeChatPay.Chain.Benchmarks.InProcess;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>
/// Throughput over loopback: N concurrent callers against a <see cref="LoopbackEndpoint"/> for a fixed time, the
/// baseline and the client's faces taking turns in the same run (the order rotating each round). Reports calls/s,
/// p50/p99 latency, the ratio to the baseline (median of per-round ratios) and the share of the RSA-signing bound.
/// </summary>
/// <param name="settings">Callers, slot length, warm-up and rounds.</param>
public sealed class ThroughputRunner(ThroughputSettings settings)
{
    /// <summary>Runs the async API, then the sync API, and prints one table.</summary>
    /// <param name="output">Where the table goes.</param>
    /// <param name="headlines">Where the ratios against the targets go.</param>
    /// <param name="signaturesPerSecondPerCore">The single-thread RSA-2048 signing rate measured in this process.</param>
    public async Task RunAsync(TextWriter output, Headlines headlines, double signaturesPerSecondPerCore)
    {
        var keys = BenchmarkKeys.Shared;
        var response = SignedResponse.Create(keys, SmartRetailOrder.CreatedBody, DateTimeOffset.UtcNow);
        await using var endpoint = await LoopbackEndpoint.StartAsync(response);
        var contenders = new ContenderFactory(keys, new FixedClock(response.SignedAt), endpoint.BaseUri, () => null).All(withReference: true);
        var coresUsed = Math.Min(settings.Callers, Environment.ProcessorCount);
        var bound = signaturesPerSecondPerCore * coresUsed;
        var table = new Table("api", "contender", "calls/s", "min..max calls/s", "p50 ms", "p99 ms", "CPU us/call", "vs baseline", "% of RSA bound");
        try
        {
            foreach (var api in Enum.GetValues<CallApi>())
            {
                foreach (var contender in contenders) await RunSlotAsync(contender, api, settings.Warmup);
                var slots = contenders.ToDictionary(c => c, _ => new List<SlotResult>());
                for (var round = 0; round < settings.Rounds; round++)
                {
                    var order = contenders.Skip(round % contenders.Length).Concat(contenders.Take(round % contenders.Length));
                    foreach (var contender in order) slots[contender].Add(await RunSlotAsync(contender, api, settings.Slot));
                }

                var baseline = slots[contenders.Single(c => c.IsBaseline)];
                var name = api.ToString().ToLowerInvariant();
                foreach (var contender in contenders)
                {
                    var own = slots[contender];
                    var rate = Statistics.Median(own.Select(s => s.CallsPerSecond));
                    var latencies = own.SelectMany(s => s.LatenciesMs).Order().ToArray();
                    var ratio = Statistics.Median(own.Select((s, i) => s.CallsPerSecond / baseline[i].CallsPerSecond));
                    table.Add(name, contender.Name, rate, $"{own.Min(s => s.CallsPerSecond):N0}..{own.Max(s => s.CallsPerSecond):N0}",
                        Statistics.Percentile(latencies, 50), Statistics.Percentile(latencies, 99), Statistics.Median(own.Select(s => s.CpuMicrosPerCall)), ratio, $"{rate / bound:P0}");
                    if (contender.IsReference) continue;
                    if (contender.IsBaseline)
                    {
                        headlines.Note($"loopback {name} baseline: {rate:N0} calls/s = {rate / bound:P0} of the RSA bound ({bound:N0}/s), the ceiling of this set-up");
                        continue;
                    }
                    headlines.AtLeast($"loopback {name} {contender.Name} throughput vs baseline", ratio, 0.95);
                    headlines.AtLeast($"loopback {name} {contender.Name} share of RSA bound", rate / bound * 100, 85, "%");
                }
            }
        }
        finally
        {
            foreach (var contender in contenders) contender.Dispose();
        }
        output.WriteLine($"Loopback (Kestrel in process, HTTP/1.1), {settings.Callers} callers, {settings.Rounds} rounds of {settings.Slot.TotalSeconds:0.#} s per contender and API; " +
            $"RSA bound = {signaturesPerSecondPerCore:N0} signatures/s x {coresUsed} cores = {bound:N0}/s. " +
            "CPU us/call is the whole process (client and server) divided by calls.");
        table.WriteTo(output);
    }

    private async Task<SlotResult> RunSlotAsync(Contender contender, CallApi api, TimeSpan length)
    {
        var logs = new List<double>[settings.Callers];
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(length.TotalSeconds * Stopwatch.Frequency);
        if (api == CallApi.Async)
        {
            await Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(i => Task.Run(async () =>
            {
                var log = logs[i] = new List<double>(4096);
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var call = Stopwatch.GetTimestamp();
                    await contender.CallAsync().ConfigureAwait(false);
                    log.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
                }
            })));
        }
        else
        {
            var threads = Enumerable.Range(0, settings.Callers).Select(i => new Thread(() =>
            {
                var log = logs[i] = new List<double>(4096);
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var call = Stopwatch.GetTimestamp();
                    contender.Call();
                    log.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
                }
            }) { IsBackground = true }).ToArray();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuMicros = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds;
        var latencies = logs.SelectMany(l => l).ToArray();
        return new SlotResult(latencies.Length / elapsed, cpuMicros / latencies.Length, latencies);
    }
}
