using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>Signs over what really goes on the wire: a Kestrel server re-verifies over the raw target and body it received.</summary>
public class LoopbackSigningTests
{
    private LoopbackServer _server = null!;
    private WeChatPayClient _client = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await LoopbackServer.StartAsync();
        _client = new WeChatPayClient(Fixtures.OverHttp(_server.BaseUri));
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Every verb × with and without a query × with and without a body.</summary>
    private static readonly object[] Cases =
    [
        .. from method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" }
           from withQuery in new[] { false, true }
           from withBody in new[] { false, true }
           select new object[] { method, withQuery, withBody },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task The_server_verifies_the_signature_over_what_it_received(string method, bool withQuery, bool withBody)
    {
        var options = new Dictionary<string, object?> { ["out_order_no"] = "订单 1/2?#%" };
        if (withQuery) options["query"] = new { a = "it's", b = "a b+c%&d", c = "中文", d = "~*!" };
        if (withBody) options["json"] = new { reason = "用户取消", amount = 1, note = "a\"b\\c\n" };
        var before = _server.Received.Count;

        if (method == "GET" && withBody)
        {
            // By design a GET carries no body: refused before anything is sent, in both forms.
            await Assert.ThrowsAsync<RequestOptionsException>(() => _client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders/{out_order_no}/cancel", options));
            Assert.Throws<RequestOptionsException>(() => _client.Send(HttpMethod.Get, "v3/payscore/smartretail-orders/{out_order_no}/cancel", options));
            Assert.That(_server.Received.Count, Is.EqualTo(before), "nothing sent");
            return;
        }

        var response = await _client.SendAsync(new HttpMethod(method), "v3/payscore/smartretail-orders/{out_order_no}/cancel", options);
        var sync = _client.Send(new HttpMethod(method), "v3/payscore/smartretail-orders/{out_order_no}/cancel", options);

        Assert.That(new[] { response.Status, sync.Status }, Is.All.EqualTo(200), "the signed response verified");
        var received = _server.Received.Skip(before).ToArray();
        Assert.That(received, Has.Length.EqualTo(2));
        Assert.Multiple(() =>
        {
            foreach (var r in received)
            {
                Assert.That(r.SignatureValid, Is.True, $"signature over {r.Method} {r.RawTarget}");
                Assert.That(r.Method, Is.EqualTo(method));
                Assert.That(r.RawTarget, Does.StartWith("/v3/payscore/smartretail-orders/%E8%AE%A2%E5%8D%95%201%2F2%3F%23%25/cancel"));
                Assert.That(r.RawTarget.Contains('?'), Is.EqualTo(withQuery));
                Assert.That(r.Body.Length > 0, Is.EqualTo(withBody));
            }
        });
    }

    [Test]
    public async Task Verbatim_capitals_reach_the_server_unchanged_sync_and_async()
    {
        const string Path = "v3/pay/transactions/out-trade-no/OrderABC";
        dynamic wx = _client.Root;
        var before = _server.Received.Count;
        await wx[Path].GetAsync();
        wx[Path].Get();
        await wx.Chain(Path).GetAsync();
        wx.Chain(Path).Get();
        var received = _server.Received.Skip(before).ToArray();
        Assert.That(received.Select(r => r.RawTarget), Is.EqualTo(Enumerable.Repeat("/v3/pay/transactions/out-trade-no/OrderABC", 4)));
        Assert.That(received.Select(r => r.SignatureValid), Is.All.True);
    }

    [Test]
    public async Task A_tampered_server_response_is_rejected_over_real_http()
    {
        _server.Answer = async context =>
        {
            context.Response.OnStarting(() => { context.Response.Headers[WeChatPayHeaders.Nonce] = "tampered-nonce"; return Task.CompletedTask; });
            await LoopbackServer.WriteSigned(context, 200, "{\"ok\":true}");
        };
        try
        {
            var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => _client.SendAsync(HttpMethod.Get, "v3/x")));
            Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
            Assert.That(e.Response!.Text, Is.EqualTo("{\"ok\":true}"));
        }
        finally
        {
            _server.Answer = null;
        }
    }

    [Test]
    public async Task A_head_response_declaring_a_length_it_does_not_send_is_read_as_the_empty_body_it_is()
    {
        _server.Answer = context => LoopbackServer.WriteSigned(context, 200, "{\"ok\":true}", headOnly: true);
        try
        {
            var response = await _client.SendAsync(HttpMethod.Head, "v3/x");
            var sync = _client.Send(HttpMethod.Head, "v3/x");

            Assert.Multiple(() =>
            {
                Assert.That(new[] { response.Status, sync.Status }, Is.All.EqualTo(200), "verified over the empty body");
                Assert.That(response.Body, Is.Empty);
                Assert.That(sync.Body, Is.Empty);
                Assert.That(response.Headers["Content-Length"], Is.EqualTo("11"), "the declared length is kept as received");
            });
        }
        finally
        {
            _server.Answer = null;
        }
    }
}
