using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class FaultInjectionTests : SimulatorTest
{
    private readonly List<SimulatorExchange> _exchanges = [];

    [SetUp]
    public void Record()
    {
        lock (_exchanges) _exchanges.Clear();
        Server.RequestHandled += (_, exchange) =>
        {
            lock (_exchanges) _exchanges.Add(exchange);
        };
    }

    /// <summary>The transcript once it has <paramref name="count"/> entries: the event fires after the answer is sent.</summary>
    private async Task<SimulatorExchange[]> ExchangesAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            lock (_exchanges)
                if (_exchanges.Count >= count) return [.. _exchanges];
            await Task.Delay(10);
        }
        lock (_exchanges) return [.. _exchanges];
    }

    [TestCase(500, "SYSTEM_ERROR")]
    [TestCase(503, "SERVICE_UNAVAILABLE")]
    public async Task An_injected_outage_answers_signed_once_and_then_the_api_answers_again(int status, string code)
    {
        Server.InjectFault(status == 500 ? SimulatedFault.SystemError() : SimulatedFault.ServiceUnavailable());

        var failed = await Merchant.GetAsync("/v3/certificates");
        var recovered = await Merchant.GetAsync("/v3/certificates");

        Assert.Multiple(() =>
        {
            Assert.That((int)failed.Status, Is.EqualTo(status));
            Assert.That(failed.Code, Is.EqualTo(code));
            Assert.That(() => failed.Verify(Verifier()), Throws.Nothing, "WeChat Pay signs its error answers");
            Assert.That(failed.Header(WeChatPayHeaders.RequestId), Is.Not.Null);
            Assert.That((int)recovered.Status, Is.EqualTo(200));
            Assert.That(Server.FaultsInjected, Is.EqualTo(1));
            Assert.That(Server.FaultsPending, Is.Zero);
        });
    }

    [Test]
    public async Task A_rate_limit_carries_retry_after_and_is_signed()
    {
        Server.InjectFault(SimulatedFault.RateLimited(TimeSpan.FromSeconds(2)));

        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(429));
        Assert.That(answer.Code, Is.EqualTo("RATELIMIT_EXCEEDED"));
        Assert.That(answer.Header("Retry-After"), Is.EqualTo("2"));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task A_202_has_a_signed_empty_body()
    {
        Server.InjectFault(SimulatedFault.Accepted());

        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(202));
        Assert.That(answer.Body, Is.Empty);
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task A_gateway_page_is_unsigned_html()
    {
        Server.InjectFault(SimulatedFault.GatewayPage());

        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(502));
        Assert.That(answer.Text, Does.Contain("502 Bad Gateway"));
        Assert.That(answer.Header("Content-Type"), Does.StartWith("text/html"));
        Assert.That(answer.Header(WeChatPayHeaders.Signature), Is.Null);
    }

    [Test]
    public async Task A_fault_before_handling_leaves_no_order_and_one_after_handling_leaves_it_made()
    {
        Server.InjectFault(SimulatedFault.SystemError());
        var before = SmartRetail.NewOutOrderNo();
        var refused = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(before));

        Server.InjectFault(SimulatedFault.SystemError() with { AfterHandling = true });
        var after = SmartRetail.NewOutOrderNo();
        var lost = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(after));

        Assert.That((int)refused.Status, Is.EqualTo(500));
        Assert.That((int)lost.Status, Is.EqualTo(500));
        Assert.That(Server.FindOrder(before), Is.Null);
        Assert.That(Server.FindOrder(after), Is.Not.Null, "the order was made though the answer said otherwise");
    }

    [Test]
    public async Task A_dropped_connection_gives_no_answer_and_is_recorded()
    {
        Server.InjectFault(SimulatedFault.DropConnection());

        Assert.That(() => Merchant.GetAsync("/v3/certificates"), Throws.InstanceOf<HttpRequestException>());

        var exchange = (await ExchangesAsync(1)).Single();
        Assert.That(exchange.Status, Is.Zero);
        Assert.That(exchange.Fault, Is.EqualTo(SimulatedFaultKind.DropConnection));
    }

    [Test]
    public async Task A_cut_body_sends_headers_then_half_the_answer_after_the_order_is_made()
    {
        Server.InjectFault(SimulatedFault.CutBody());
        var outOrderNo = SmartRetail.NewOutOrderNo();

        Assert.That(() => Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(outOrderNo)), Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());

        Assert.That(Server.FindOrder(outOrderNo), Is.Not.Null);
        var exchange = (await ExchangesAsync(1)).Single();
        Assert.That(exchange.Fault, Is.EqualTo(SimulatedFaultKind.CutBody));
        Assert.That(exchange.Status, Is.EqualTo(200), "the answer that was started");
    }

    [Test]
    public async Task A_slow_answer_waits_then_answers_normally()
    {
        Server.InjectFault(SimulatedFault.Slow(TimeSpan.FromMilliseconds(400)));
        var clock = Stopwatch.StartNew();

        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380)));
        Assert.That((int)answer.Status, Is.EqualTo(200));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task Faults_catch_only_their_path_prefix_and_count_down()
    {
        Server.InjectFault(SimulatedFault.SystemError() with { PathPrefix = SmartRetail.Path }, times: 2);

        var other = await Merchant.GetAsync("/v3/certificates");
        var first = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(SmartRetail.NewOutOrderNo()));
        var second = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(SmartRetail.NewOutOrderNo()));
        var third = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(SmartRetail.NewOutOrderNo()));

        Assert.That(new[] { other.Status, first.Status, second.Status, third.Status }.Select(s => (int)s), Is.EqualTo(new[] { 200, 500, 500, 200 }));
        Assert.That(Server.FaultsInjected, Is.EqualTo(2));
    }

    [Test]
    public async Task A_request_that_fails_authentication_leaves_the_fault_waiting()
    {
        Server.InjectFault(SimulatedFault.SystemError());

        var unsigned = await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = _ => "AAAA");

        Assert.That((int)unsigned.Status, Is.EqualTo(401));
        Assert.That(Server.FaultsPending, Is.EqualTo(1));
        Assert.That((int)(await Merchant.GetAsync("/v3/certificates")).Status, Is.EqualTo(500));
    }

    [Test]
    public async Task The_transcript_records_the_nonce_and_timestamp_of_each_authenticated_request()
    {
        SignatureParts? sent = null;
        await Merchant.GetAsync("/v3/certificates", parts => sent = parts);
        await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = _ => "AAAA");

        var exchanges = await ExchangesAsync(2);
        Assert.That(exchanges[0].Nonce, Is.EqualTo(sent!.Nonce));
        Assert.That(exchanges[0].Timestamp, Is.EqualTo(sent.Timestamp));
        Assert.That(exchanges[1].Nonce, Is.Null, "a request that failed authentication is not vouched for");
    }

    [Test]
    public async Task The_control_endpoint_adds_lists_and_clears_faults()
    {
        using var add = await Merchant.Http.PostAsync("/simulator/faults", Json("{\"kind\":\"answer\",\"status\":429,\"code\":\"RATELIMIT_EXCEEDED\",\"retry_after_seconds\":1,\"times\":3}"));
        var limited = await Merchant.GetAsync("/v3/certificates");
        using var listed = await Merchant.Http.GetAsync("/simulator/faults");
        var summary = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!;
        using var cleared = await Merchant.Http.DeleteAsync("/simulator/faults");
        var afterClear = await Merchant.GetAsync("/v3/certificates");

        Assert.Multiple(() =>
        {
            Assert.That((int)add.StatusCode, Is.EqualTo(200));
            Assert.That((int)limited.Status, Is.EqualTo(429));
            Assert.That(limited.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(summary["pending"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(summary["injected"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That((int)afterClear.Status, Is.EqualTo(200));
            Assert.That(Server.FaultsPending, Is.Zero);
        });
    }

    [TestCase("{\"kind\":\"explode\"}", "kind")]
    [TestCase("{\"kind\":\"answer\"}", "status")]
    [TestCase("{\"kind\":\"answer\",\"status\":500}", "code")]
    [TestCase("{\"kind\":\"slow\"}", "delay_ms")]
    [TestCase("{\"kind\":\"drop\",\"times\":0}", "times")]
    [TestCase("{\"kind\":\"drop\",\"path_prefix\":\"v3\"}", "path_prefix")]
    public async Task The_control_endpoint_refuses_malformed_faults_naming_the_field(string body, string field)
    {
        using var response = await Merchant.Http.PostAsync("/simulator/faults", Json(body));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo(field));
        Assert.That(Server.FaultsPending, Is.Zero);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
