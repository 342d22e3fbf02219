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
        var options = Fixtures.Options(null!);
        options.HttpMessageHandler = null;
        options.BaseUri = _server.BaseUri;
        _client = new WeChatPayClient(options);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static readonly object[] Cases =
    [
        new object[] { "GET", false, false },
        new object[] { "GET", true, false },
        new object[] { "POST", false, true },
        new object[] { "POST", true, true },
        new object[] { "POST", false, false },
        new object[] { "PUT", true, true },
        new object[] { "PATCH", false, true },
        new object[] { "DELETE", true, false },
        new object[] { "DELETE", false, true },
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task The_server_verifies_the_signature_over_what_it_received(string method, bool withQuery, bool withBody)
    {
        var options = new Dictionary<string, object?> { ["out_order_no"] = "订单 1/2?#%" };
        if (withQuery) options["query"] = new { a = "it's", b = "a b+c%&d", c = "中文", d = "~*!" };
        if (withBody) options["json"] = new { reason = "用户取消", amount = 1, note = "a\"b\\c\n" };
        var before = _server.Received.Count;

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
    public async Task A_tampered_server_response_is_rejected_over_real_http()
    {
        _server.Answer = async context =>
        {
            context.Response.OnStarting(() => { context.Response.Headers[WechatpayHeaders.Nonce] = "tampered-nonce"; return Task.CompletedTask; });
            await LoopbackServer.WriteSigned(context, 200, "{\"ok\":true}");
        };
        try
        {
            var e = Assert.ThrowsAsync<ResponseVerificationException>(() => _client.SendAsync(HttpMethod.Get, "v3/x"));
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
