using System.Diagnostics;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Memory;

/// <summary>
/// Memory over many sequential calls through the in-memory transport: after a warm-up, the live heap is measured
/// (after full, compacting collections) at evenly spaced checkpoints. Calls cycle through the six call styles
/// (chained, <c>Chain(…)</c>, indexer; async and sync) on one dynamic client, so every cache the faces keep is exercised.
/// </summary>
/// <param name="calls">Calls after the warm-up.</param>
/// <param name="checkpoints">How many checkpoints to spread over them.</param>
/// <param name="warmupCalls">Calls before the first checkpoint.</param>
public sealed class MemoryRunner(int calls, int checkpoints, int warmupCalls)
{
    /// <summary>The most the live heap may grow over the run, after warm-up, and still count as flat.</summary>
    public const long FlatToleranceBytes = 256 * 1024;

    /// <summary>Runs the calls, prints a table of checkpoints, and records whether the heap stayed flat.</summary>
    public async Task RunAsync(TextWriter output, Headlines headlines)
    {
        using var client = Builder.Create(InMemoryScenario.Create().Contenders.Options());
        object wx = client.Root;
        await CallsAsync(wx, 0, warmupCalls);

        var table = new Table("calls", "live heap KB", "GC heap size KB", "working set MB", "allocated bytes/call", "gen0 GCs");
        var first = Checkpoint(table, 0, 0, 0);
        var last = first;
        var step = calls / checkpoints;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var done = 0; done < calls; done += step)
        {
            await CallsAsync(wx, done, step);
            var now = GC.GetTotalAllocatedBytes(precise: true);
            last = Checkpoint(table, done + step, now - allocated, step);
            allocated = now;
        }
        output.WriteLine($"Memory: {calls:N0} sequential calls after {warmupCalls:N0} warm-up calls, six call styles in turn, in-memory transport.");
        table.WriteTo(output);
        var growth = last - first;
        var verdict = growth <= FlatToleranceBytes ? "flat" : "GROWING";
        headlines.Note($"memory over {calls:N0} calls: live heap {growth / 1024.0:+0.0;-0.0} KB after warm-up (tolerance {FlatToleranceBytes / 1024} KB): {verdict}");
    }

    private static long Checkpoint(Table table, int callsSoFar, long allocated, int callsSinceLast)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var live = GC.GetTotalMemory(forceFullCollection: false);
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var self = Process.GetCurrentProcess();
        table.Add(callsSoFar.ToString("N0"), live / 1024.0, info.HeapSizeBytes / 1024.0, self.WorkingSet64 / 1048576.0,
            callsSinceLast == 0 ? double.NaN : (double)allocated / callsSinceLast, GC.CollectionCount(0).ToString("N0"));
        return live;
    }

    private static async Task CallsAsync(dynamic wx, int from, int count)
    {
        var json = new { json = SmartRetailOrder.Payload };
        for (var i = from; i < from + count; i++)
        {
            WeChatPayResponse response = (i % 6) switch
            {
                0 => await wx.V3.Payscore.SmartretailOrders.PostAsync(json),
                1 => await wx.Chain(SmartRetailOrder.Path).PostAsync(json),
                2 => await wx[SmartRetailOrder.Path].PostAsync(json),
                3 => wx.V3.Payscore.SmartretailOrders.Post(json),
                4 => wx.Chain(SmartRetailOrder.Path).Post(json),
                _ => wx[SmartRetailOrder.Path].Post(json),
            };
            if (response.Body.Length == 0) throw new InvalidOperationException("An empty body.");
        }
    }
}
