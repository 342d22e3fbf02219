using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using WeChatPay.Chain.Benchmarks.Baseline;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Benchmarks.InProcess;

/// <summary>
/// One whole create-order call — serialise, sign, send, receive, verify — through the same in-memory transport that
/// answers with a pre-signed response. The hand-written baseline is the ratio's denominator in each category
/// (async, sync).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WholeCallBenchmarks
{
    private HandWrittenClient _baseline = null!;
    private WeChatPayClient _typed = null!;
    private ChainNode _orders = null!;
    private dynamic _wx = null!;

    /// <summary>Signs the canned response and builds each client over its own in-memory transport.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var contenders = InMemoryScenario.Create().Contenders;
        _baseline = contenders.HandWritten();
        _typed = Builder.Create(contenders.Options());
        _orders = _typed.Chain(SmartRetailOrder.Path);
        _wx = Builder.Factory(contenders.Options());
    }

    /// <summary>Releases the clients.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _baseline.Dispose();
        _typed.Dispose();
    }

    /// <summary>The hand-written baseline, async.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("async")]
    public Task<byte[]> Baseline_async() => _baseline.PostAsync(SmartRetailOrder.Payload);

    /// <summary><c>orders.PostAsync(new { json })</c> on a node taken once with <c>client.Chain(…)</c>.</summary>
    [Benchmark, BenchmarkCategory("async")]
    public Task<WeChatPayResponse> Typed_kept_node_async() => _orders.PostAsync(new { json = SmartRetailOrder.Payload });

    /// <summary><c>client.Chain("v3/…").PostAsync(new { json })</c>: a new node, so a new template, every call.</summary>
    [Benchmark, BenchmarkCategory("async")]
    public Task<WeChatPayResponse> Typed_Chain_per_call_async() => _typed.Chain(SmartRetailOrder.Path).PostAsync(new { json = SmartRetailOrder.Payload });

    /// <summary><c>await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json })</c> on <c>Builder.Factory</c>'s dynamic root.</summary>
    [Benchmark, BenchmarkCategory("async")]
    public async Task<WeChatPayResponse> Dynamic_chained_async() => await _wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = SmartRetailOrder.Payload });

    /// <summary>The hand-written baseline, sync.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("sync")]
    public byte[] Baseline_sync() => _baseline.Post(SmartRetailOrder.Payload);

    /// <summary><c>orders.Post(new { json })</c> on a kept node.</summary>
    [Benchmark, BenchmarkCategory("sync")]
    public WeChatPayResponse Typed_kept_node_sync() => _orders.Post(new { json = SmartRetailOrder.Payload });

    /// <summary><c>client.Chain("v3/…").Post(new { json })</c>.</summary>
    [Benchmark, BenchmarkCategory("sync")]
    public WeChatPayResponse Typed_Chain_per_call_sync() => _typed.Chain(SmartRetailOrder.Path).Post(new { json = SmartRetailOrder.Payload });

    /// <summary><c>wx.V3.Payscore.SmartretailOrders.Post(new { json })</c>.</summary>
    [Benchmark, BenchmarkCategory("sync")]
    public WeChatPayResponse Dynamic_chained_sync() => _wx.V3.Payscore.SmartretailOrders.Post(new { json = SmartRetailOrder.Payload });
}
