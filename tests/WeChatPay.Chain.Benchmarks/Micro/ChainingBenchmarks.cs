using BenchmarkDotNet.Attributes;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// The Chain layer alone: member-name normalisation, finding the node for a path by each call style, and the URI
/// template a node sends to. No HTTP, no crypto.
/// </summary>
[MemoryDiagnoser]
public class ChainingBenchmarks
{
    private const string Verbatim = "v3/payscore/smartretail-orders";

    private WeChatPayClient _client = null!;
    private ChainNode _root = null!;
    private dynamic _wx = null!;
    private UriTemplate _cancelTemplate = null!;

    /// <summary>Builds a client over the in-memory transport; nothing is sent here.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _client = Builder.Create(InMemoryScenario.Create().Contenders.Options());
        _root = _client.Root;
        _wx = _root;
        _cancelTemplate = new UriTemplate(Verbatim + "/{out_order_no}/cancel");
    }

    /// <summary>Releases the client.</summary>
    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary><c>SmartretailOrders</c> → <c>smartretail-orders</c>; done once per name, then memoised by the node.</summary>
    [Benchmark]
    public string Normalise_member_name() => PathSegment.FromMemberName("SmartretailOrders");

    /// <summary><c>_out_order_no_</c> → <c>{out_order_no}</c>.</summary>
    [Benchmark]
    public string Normalise_placeholder_name() => PathSegment.FromMemberName("_out_order_no_");

    /// <summary><c>wx.V3.Payscore.SmartretailOrders</c>: three dynamic member reads, each a memoised child.</summary>
    [Benchmark(Baseline = true)]
    public object Dynamic_chain() => _wx.V3.Payscore.SmartretailOrders;

    /// <summary>The same three lookups without <c>dynamic</c>, to show what the binder adds.</summary>
    [Benchmark]
    public ChainNode Member_lookup_typed() => _root.Member("V3").Member("Payscore").Member("SmartretailOrders");

    /// <summary><c>wx.Chain("v3/…")</c> called on the dynamic root: a new, uncached node each time.</summary>
    [Benchmark]
    public object Chain_dynamic() => _wx.Chain(Verbatim);

    /// <summary><c>root.Chain("v3/…")</c> without <c>dynamic</c>.</summary>
    [Benchmark]
    public ChainNode Chain_typed() => _root.Chain(Verbatim);

    /// <summary><c>wx["v3/…"]</c> on the dynamic root.</summary>
    [Benchmark]
    public object Indexer_dynamic() => _wx[Verbatim];

    /// <summary><c>root["v3/…"]</c> without <c>dynamic</c>.</summary>
    [Benchmark]
    public ChainNode Indexer_typed() => _root[Verbatim];

    /// <summary><c>wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel</c>: five memoised dynamic reads.</summary>
    [Benchmark]
    public object Dynamic_chain_with_placeholder() => _wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel;

    /// <summary>Parsing a template: once per node, so once per call for nodes made by <c>Chain(…)</c> or the indexer.</summary>
    [Benchmark]
    public object Parse_template() => new UriTemplate(Verbatim + "/{out_order_no}/cancel");

    /// <summary>Filling and encoding a placeholder.</summary>
    [Benchmark]
    public string Expand_template() => _cancelTemplate.Expand(static _ => "1234323JKHDFE1243252");
}
