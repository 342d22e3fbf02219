using System.Diagnostics;
using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Faults;

/// <summary>Against slow answers from the simulator, <see cref="ClientOptions.Timeout"/> and cancellation end a call promptly, retries included.</summary>
public class TimeoutAndCancellationTests
{
    /// <summary>Far above the timeouts and cancellations below, far below the slow answers: "prompt" with room for a busy machine.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    private SimulatorServer _simulator = null!;

    [SetUp]
    public async Task Start() => _simulator = await Simulators.StartAsync();

    [TearDown]
    public async Task Stop() => await _simulator.DisposeAsync();

    private WeChatPayClient Client(TimeSpan timeout, RetryPolicy? retry = null)
    {
        var options = _simulator.Profile.ToClientOptions();
        options.Timeout = timeout;
        options.Retry = retry;
        return new WeChatPayClient(options);
    }

    [Test]
    public async Task A_slow_answer_beyond_the_timeout_is_a_timeout_async_and_sync()
    {
        _simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(20)), times: 2);
        using var client = Client(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;
        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!;

        Assert.That(async.IsTimeout, Is.True);
        Assert.That(sync.IsTimeout, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(Prompt));
    }

    [Test]
    public void A_slow_answer_within_the_timeout_is_waited_for()
    {
        _simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromMilliseconds(300)));
        using var client = Client(TimeSpan.FromSeconds(10));

        Assert.That(client.Send(HttpMethod.Get, "v3/certificates").Status, Is.EqualTo(200));
    }

    [Test]
    public async Task The_timeout_covers_all_attempts_together_async_and_sync()
    {
        _simulator.InjectFault(SimulatedFault.ServiceUnavailable(), times: 20);
        // The first back-off is at least 1.6 s (2 s less its 20 % jitter), more than the whole timeout: each call makes one
        // attempt and then times out waiting. 1.5 s leaves a busy machine room for that attempt (0.5 s did not, always).
        using var client = Client(TimeSpan.FromMilliseconds(1500), new RetryPolicy { MaxAttempts = 10, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10) });
        var clock = Stopwatch.StartNew();

        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;
        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!;

        Assert.That(async.IsTimeout, Is.True, "timed out in the back-off, not after ten attempts");
        Assert.That(sync.IsTimeout, Is.True, "the synchronous back-off is bounded by the timeout too");
        Assert.That(clock.Elapsed, Is.LessThan(Prompt), "two calls of 1.5 s each, against ten attempts with 1.6 s or more between them");
        Assert.That(_simulator.FaultsInjected, Is.EqualTo(2), "one attempt each");
    }

    [Test]
    public void Cancelling_during_a_slow_answer_is_prompt_and_is_cancellation()
    {
        _simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
        using var client = Client(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/certificates", null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(clock.Elapsed, Is.LessThan(Prompt));
    }

    [Test]
    public void Cancelling_during_a_back_off_is_prompt()
    {
        _simulator.InjectFault(SimulatedFault.RateLimited(TimeSpan.FromSeconds(20)), times: 5);
        using var client = Client(TimeSpan.FromSeconds(60), new RetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(20), MaxDelay = TimeSpan.FromSeconds(20) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/certificates", null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(clock.Elapsed, Is.LessThan(Prompt));
        Assert.That(_simulator.FaultsInjected, Is.EqualTo(1));
    }
}
