using System.Diagnostics;
using System.Net;
using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Faults;

/// <summary>
/// <see cref="RetryPolicy"/> against a simulator that injects WeChat Pay's failures: 5xx, 429 and 202 are repeated, each
/// attempt signed afresh and checked by the simulator; other 4xx and lost connections are not.
/// </summary>
public class RetryAgainstSimulatorTests
{
    private SimulatorServer _simulator = null!;
    private Transcript _transcript = null!;

    [SetUp]
    public async Task Start()
    {
        _simulator = await Simulators.StartAsync();
        _transcript = new Transcript(_simulator);
    }

    [TearDown]
    public async Task Stop() => await _simulator.DisposeAsync();

    private WeChatPayClient Client(int attempts = 5, TimeSpan? maxDelay = null, TimeProvider? clock = null)
    {
        var options = _simulator.Profile.ToClientOptions();
        options.Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = maxDelay ?? TimeSpan.FromMilliseconds(100) };
        options.TimeProvider = clock;
        return new WeChatPayClient(options);
    }

    [Test]
    public async Task Outages_rate_limits_and_202_are_repeated_each_attempt_signed_afresh_until_the_order_is_made()
    {
        _simulator.InjectFault(SimulatedFault.SystemError());
        _simulator.InjectFault(SimulatedFault.ServiceUnavailable());
        _simulator.InjectFault(SimulatedFault.RateLimited(TimeSpan.Zero));
        _simulator.InjectFault(SimulatedFault.Accepted());
        _simulator.InjectFault(SimulatedFault.GatewayPage());
        using var client = Client(attempts: 6, clock: new SteppingClock());
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var created = await client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(outOrderNo));

        var attempts = await _transcript.WaitForAsync(6);
        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(200));
            Assert.That(attempts.Select(a => a.Status), Is.EqualTo(new[] { 500, 503, 429, 202, 502, 200 }));
            Assert.That(attempts.Select(a => a.Nonce), Is.All.Not.Null, "the simulator checked every attempt's signature");
            Assert.That(attempts.Select(a => a.Nonce).Distinct().Count(), Is.EqualTo(6), "a fresh nonce each attempt");
            Assert.That(attempts.Select(a => long.Parse(a.Timestamp!)), Is.Ordered.Ascending.And.Unique, "a fresh timestamp each attempt");
            Assert.That(attempts.Select(a => a.BodySha256).Distinct().ToArray(), Has.Length.EqualTo(1).And.All.Not.Null, "the same body bytes each attempt");
            Assert.That(_simulator.Orders.Count(o => o.OutOrderNo == outOrderNo), Is.EqualTo(1));
            Assert.That(_simulator.FaultsInjected, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task The_synchronous_form_repeats_too()
    {
        _simulator.InjectFault(SimulatedFault.ServiceUnavailable(), times: 2);
        using var client = Client();

        var answer = client.Send(HttpMethod.Get, "v3/certificates");

        Assert.That(answer.Status, Is.EqualTo(200));
        Assert.That((await _transcript.WaitForAsync(3)).Select(a => a.Status), Is.EqualTo(new[] { 503, 503, 200 }));
    }

    [TestCase(400, "PARAM_ERROR")]
    [TestCase(401, "SIGN_ERROR")]
    [TestCase(403, "NO_AUTH")]
    [TestCase(404, "ORDER_NOT_EXIST")]
    [TestCase(409, "INVALID_REQUEST")]
    public async Task Other_4xx_are_never_repeated(int status, string code)
    {
        _simulator.InjectFault(SimulatedFault.Answer(status, code, "refused"), times: 3);
        using var client = Client();

        var e = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(SmartRetail.NewOutOrderNo()))))!;

        Assert.That(e.Status(), Is.EqualTo(status));
        Assert.That(e.Code, Is.EqualTo(code));
        Assert.That(_simulator.FaultsInjected, Is.EqualTo(1), "one attempt only");
        Assert.That(await _transcript.WaitForAsync(1), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task When_attempts_run_out_the_last_answer_is_reported()
    {
        _simulator.InjectFault(SimulatedFault.SystemError(), times: 10);
        using var client = Client(attempts: 3);

        var e = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(e.Code, Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(e.RequestId, Is.Not.Null);
        Assert.That(_simulator.FaultsInjected, Is.EqualTo(3));
        Assert.That(_simulator.FaultsPending, Is.EqualTo(7));
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_repeat_after_wechat_pay_acted_but_failed_to_answer_finds_the_same_order()
    {
        _simulator.InjectFault(SimulatedFault.SystemError() with { AfterHandling = true });
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var created = await client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(outOrderNo));

        Assert.That(_simulator.Orders.Count(o => o.OutOrderNo == outOrderNo), Is.EqualTo(1), "the repeat did not make a second order");
        Assert.That((string?)created.Json["order_id"], Is.EqualTo(_simulator.FindOrder(outOrderNo)!.OrderId));
    }

    [Test]
    public async Task Retry_after_is_waited_out_up_to_the_policys_cap()
    {
        _simulator.InjectFault(SimulatedFault.RateLimited(TimeSpan.FromSeconds(1)));
        using var patient = Client(maxDelay: TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        await patient.SendAsync(HttpMethod.Get, "v3/certificates");
        var waited = clock.Elapsed;

        _simulator.InjectFault(SimulatedFault.RateLimited(TimeSpan.FromSeconds(30)));
        using var capped = Client(maxDelay: TimeSpan.FromMilliseconds(200));
        clock.Restart();
        await capped.SendAsync(HttpMethod.Get, "v3/certificates");

        Assert.That(waited, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)), "Retry-After: 1 is honoured");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "Retry-After: 30 is capped at MaxDelay");
    }

    [Test]
    public async Task Rate_limits_without_retry_after_are_repeated_after_doubling_waits()
    {
        _simulator.InjectFault(SimulatedFault.RateLimited(), times: 3);
        var arrivals = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        _simulator.RequestHandled += (_, _) => { lock (arrivals) arrivals.Add(clock.Elapsed); };
        var options = _simulator.Profile.ToClientOptions();
        options.Retry = new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(400), MaxDelay = TimeSpan.FromSeconds(3) };
        using var client = new WeChatPayClient(options);

        var answer = await client.SendAsync(HttpMethod.Get, "v3/certificates");

        await _transcript.WaitForAsync(4);
        TimeSpan[] waits;
        lock (arrivals) waits = arrivals.Zip(arrivals.Skip(1), (before, after) => after - before).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(200));
            Assert.That(_simulator.FaultsInjected, Is.EqualTo(3));
            Assert.That(waits, Has.Length.EqualTo(3));
            // Jitter is ±20%, so each range starts above the one before ends: 320-480, 640-960, 1,280-1,920 ms.
            Assert.That(waits[0], Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(320)), "400 ms less 20% jitter");
            Assert.That(waits[1], Is.GreaterThan(waits[0]), "the second wait is about twice the first");
            Assert.That(waits[2], Is.GreaterThan(waits[1]), "the third about twice the second");
        });
    }

    [Test]
    public async Task A_dropped_connection_is_a_transport_exception_and_not_repeated()
    {
        _simulator.InjectFault(SimulatedFault.DropConnection() with { AfterHandling = true });
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(outOrderNo))))!;

        Assert.That(e.IsTimeout, Is.False);
        Assert.That(e.Message, Does.Contain("POST /v3/payscore/smartretail-orders"));
        Assert.That(await _transcript.WaitForAsync(1), Has.Length.EqualTo(1), "not repeated: whether WeChat Pay acted is unknown");
        var found = await client.SendAsync(HttpMethod.Get, SmartRetail.Path, SmartRetail.Query(outOrderNo));
        Assert.That((string?)found.Json["state"], Is.EqualTo("CREATED"), "querying tells what happened");
    }

    [Test]
    public async Task An_answer_cut_short_is_a_transport_exception_and_not_repeated()
    {
        _simulator.InjectFault(SimulatedFault.CutBody());
        using var client = Client();

        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(SmartRetail.NewOutOrderNo()))))!;

        Assert.That(e.IsTimeout, Is.False);
        Assert.That(await _transcript.WaitForAsync(1), Has.Length.EqualTo(1));
        Assert.That(_simulator.Orders, Has.Count.EqualTo(1), "made, though its answer was lost");
    }
}
