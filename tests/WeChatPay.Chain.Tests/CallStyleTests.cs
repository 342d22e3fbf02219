using System.Net;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class CallStyleTests
{
    private StubHandler _stub = null!;
    private dynamic _wx = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"order_id\":\"1000000000201712050000\",\"state\":\"CREATED\"}") };
        _wx = Builder.Factory(Fixtures.Options(_stub));
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private static object CreatePayload => new { json = new { appid = "wxd678efh567hg6787", out_order_no = "1234323JKHDFE1243252", service_id = "500001" } };
    private static object QueryPayload => new { query = new { service_id = "500001", out_order_no = "1234323JKHDFE1243252", appid = "wxd678efh567hg6787" } };

    private const string CreateBody = "{\"appid\":\"wxd678efh567hg6787\",\"out_order_no\":\"1234323JKHDFE1243252\",\"service_id\":\"500001\"}";
    private const string QueryTarget = "/v3/payscore/smartretail-orders?service_id=500001&out_order_no=1234323JKHDFE1243252&appid=wxd678efh567hg6787";

    [Test]
    public async Task The_six_styles_of_the_seed_docs_send_the_same_requests()
    {
        var responses = new List<WeChatPayResponse>
        {
            await _wx.V3.Payscore.SmartretailOrders.PostAsync(CreatePayload),
            await _wx.Chain("v3/payscore/smartretail-orders").PostAsync(CreatePayload),
            await _wx["v3/payscore/smartretail-orders"].PostAsync(CreatePayload),
            _wx.V3.Payscore.SmartretailOrders.Post(CreatePayload),
            _wx.Chain("v3/payscore/smartretail-orders").Post(CreatePayload),
            _wx["v3/payscore/smartretail-orders"].Post(CreatePayload),
        };
        var seen = _stub.Seen.ToArray();
        Assert.That(seen, Has.Length.EqualTo(6));
        Assert.Multiple(() =>
        {
            foreach (var request in seen)
            {
                Assert.That(request.Method, Is.EqualTo("POST"));
                Assert.That(request.Target, Is.EqualTo("/v3/payscore/smartretail-orders"));
                Assert.That(request.BodyText, Is.EqualTo(CreateBody));
            }
            Assert.That(seen.Select(s => s.Synchronous), Is.EqualTo(new[] { false, false, false, LibraryBuild.SendsSynchronously, LibraryBuild.SendsSynchronously, LibraryBuild.SendsSynchronously }));
            Assert.That(responses.Select(r => (string?)r.Json["order_id"]), Is.All.EqualTo("1000000000201712050000"));
        });
    }

    [Test]
    public async Task Query_in_the_six_styles_builds_the_same_target()
    {
        await _wx.V3.Payscore.SmartretailOrders.GetAsync(QueryPayload);
        await _wx.Chain("v3/payscore/smartretail-orders").GetAsync(QueryPayload);
        await _wx["v3/payscore/smartretail-orders"].GetAsync(QueryPayload);
        _wx.V3.Payscore.SmartretailOrders.Get(QueryPayload);
        _wx.Chain("v3/payscore/smartretail-orders").Get(QueryPayload);
        _wx["v3/payscore/smartretail-orders"].Get(QueryPayload);
        Assert.That(_stub.Seen.Select(s => $"{s.Method} {s.Target} {s.Body.Length}"), Is.EqualTo(Enumerable.Repeat($"GET {QueryTarget} 0", 6)));
    }

    [TestCase("Get"), TestCase("Post"), TestCase("Put"), TestCase("Patch"), TestCase("Delete")]
    public async Task Every_verb_works_sync_and_async_in_every_style(string verb)
    {
        var options = verb == "Get" ? (object)new { query = new { a = "1" } } : new { json = new { a = 1, verb } };
        dynamic[] nodes = [_wx.V3.Marketing.Favor.Stocks, _wx.Chain("v3/marketing/favor/stocks"), _wx["v3/marketing/favor/stocks"]];
        foreach (var node in nodes)
        {
            // Called on the dynamic node itself, as ported code does: the binder must find the synchronous verbs too.
            WeChatPayResponse sync = verb switch { "Get" => node.Get(options), "Post" => node.Post(options), "Put" => node.Put(options), "Patch" => node.Patch(options), _ => node.Delete(options) };
            var task = verb switch { "Get" => node.GetAsync(options), "Post" => node.PostAsync(options), "Put" => node.PutAsync(options), "Patch" => node.PatchAsync(options), _ => node.DeleteAsync(options) };
            WeChatPayResponse async = await task;
            Assert.That(new[] { sync.Status, async.Status }, Is.All.EqualTo(200));
        }
        Assert.That(_stub.Seen.Select(s => (s.Method, s.Target)), Is.All.EqualTo((verb.ToUpperInvariant(), verb == "Get" ? "/v3/marketing/favor/stocks?a=1" : "/v3/marketing/favor/stocks")));
        Assert.That(_stub.Seen.Select(s => s.BodyText), Is.All.EqualTo(verb == "Get" ? "" : $"{{\"a\":1,\"verb\":\"{verb}\"}}"));
        Assert.That(_stub.Seen.Select(s => s.Synchronous), Is.EqualTo(Enumerable.Repeat(new[] { LibraryBuild.SendsSynchronously, false }, 3).SelectMany(pair => pair)));
    }

    [Test]
    public void Member_access_children_are_memoised()
    {
        object first = _wx.V3.Payscore.SmartretailOrders;
        object second = _wx.V3.Payscore.SmartretailOrders;
        Assert.That(second, Is.SameAs(first));
        Assert.That(first.ToString(), Is.EqualTo("v3/payscore/smartretail-orders"));
    }

    [Test]
    public void Chain_and_indexer_take_the_path_verbatim()
    {
        Assert.That(_wx.Chain("v3/pay/transactions/out-trade-no/OrderABC").ToString(), Is.EqualTo("v3/pay/transactions/out-trade-no/OrderABC"));
        Assert.That(_wx["/v3/Pay/OutTradeNo"].ToString(), Is.EqualTo("v3/Pay/OutTradeNo"));
        Assert.That(_wx.V3["ecommerce/refunds"].Apply.ToString(), Is.EqualTo("v3/ecommerce/refunds/apply"));
    }

    [Test]
    public async Task Verbatim_capitals_reach_the_wire_unchanged_sync_and_async()
    {
        const string Path = "v3/pay/transactions/out-trade-no/OrderABC";
        await _wx[Path].GetAsync();
        _wx[Path].Get();
        await _wx.Chain(Path).GetAsync();
        _wx.Chain(Path).Get();
        Assert.That(_stub.Seen.Select(s => s.Target), Is.All.EqualTo("/v3/pay/transactions/out-trade-no/OrderABC"));
        Assert.That(_stub.Seen.Select(s => s.Synchronous), Is.EqualTo(new[] { false, LibraryBuild.SendsSynchronously, false, LibraryBuild.SendsSynchronously }));
    }

    [Test]
    public async Task Verbatim_paths_reach_the_wire_without_uri_canonicalisation()
    {
        await _wx["v3/x/%41b/y%2Fz/%7e"].GetAsync();
        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/x/%41b/y%2Fz/%7e"), "escapes are neither decoded nor re-cased (dot segments are refused outright)");
    }

    [Test]
    public async Task Placeholders_come_from_the_same_options_object()
    {
        await _wx.V3.Pay.Transactions.Id._transaction_id_.GetAsync(new { transaction_id = "4200000985202103031441826014", query = new { mchid = "1230000109" } });
        await _wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.PostAsync(new { out_order_no = "a/b?c", json = new { reason = "x" } });
        await _wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/complete").PostAsync(new Dictionary<string, object?> { ["out_order_no"] = "NO_1", ["json"] = new { total_amount = 1 } });
        await _wx["v3/payscore/smartretail-orders/{out_order_no}/cancel"].PostAsync(JObject.Parse("{\"out_order_no\":\"NO_2\",\"json\":{\"reason\":\"r\"}}"));
        Assert.That(_stub.Seen.Select(s => s.Target), Is.EqualTo(new[]
        {
            "/v3/pay/transactions/id/4200000985202103031441826014?mchid=1230000109",
            "/v3/payscore/smartretail-orders/a%2Fb%3Fc/cancel",
            "/v3/payscore/smartretail-orders/NO_1/complete",
            "/v3/payscore/smartretail-orders/NO_2/cancel",
        }));
        Assert.That(_stub.Last.BodyText, Is.EqualTo("{\"reason\":\"r\"}"));
    }

    [Test]
    public async Task A_missing_placeholder_fails_before_anything_is_sent()
    {
        await Assert.ThrowsAsync<RequestOptionsException>(async () => await _wx.V3.Pay.Transactions.Id._transaction_id_.GetAsync(new { query = new { mchid = "1" } }));
        Assert.That(_stub.Seen, Is.Empty);
    }

    [Test]
    public async Task A_dot_segment_in_a_verbatim_path_is_refused_before_anything_is_sent()
    {
        // An unsigned download path resolved by a server to a signed API path would be judged by the wrong rule.
        Assert.Throws<RequestOptionsException>(() => _wx["v3/billdownload/../pay/transactions/id/4200"].Get());
        await Assert.ThrowsAsync<RequestOptionsException>(async () => await _wx.Chain("v3/merchant-service/images/..").GetAsync());
        Assert.That(_stub.Seen, Is.Empty);
    }

    [Test]
    public async Task Lower_case_verbs_of_ported_javascript_work()
    {
        WeChatPayResponse a = await _wx.v3.payscore.smartretailOrders.postAsync(CreatePayload);
        WeChatPayResponse b = _wx.chain("v3/payscore/smartretail-orders").get(QueryPayload);
        Assert.That(new[] { a.Status, b.Status }, Is.All.EqualTo(200));
        Assert.That(_stub.Seen.Select(s => s.Target), Is.EqualTo(new[] { "/v3/payscore/smartretail-orders", QueryTarget }));
    }

    [Test]
    public async Task Results_read_as_dynamic_json_and_as_typed_objects()
    {
        var r = await _wx.V3.Payscore.SmartretailOrders.PostAsync(CreatePayload);
        Assert.That((string)r.Json.order_id, Is.EqualTo("1000000000201712050000"));
        Assert.That((string)r.Json.state, Is.EqualTo("CREATED"));
        Assert.That(r.Status, Is.EqualTo(200));
        Assert.That(r.Header("Request-ID"), Is.EqualTo("08F78BB5AF0610A8A9A8BC0518F0EACE"));
        Order order = r.ToObject<Order>();
        Assert.That(order.order_id, Is.EqualTo("1000000000201712050000"));
    }

    private sealed record Order(string order_id, string state);
}
