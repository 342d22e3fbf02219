using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>Ctrl+C (the run's token cancelled) during a call or the demo: one line on stderr and exit 130, never a stack trace.</summary>
public class CancellationTests
{
    private TempDir _profile = null!;
    private SimulatorServer _simulator = null!;

    [OneTimeSetUp]
    public async Task StartSimulator()
    {
        _profile = new TempDir();
        _simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _profile.Path });
    }

    [OneTimeTearDown]
    public async Task StopSimulator()
    {
        await _simulator.DisposeAsync();
        _profile.Dispose();
    }

    [TearDown]
    public void ClearFaults() => _simulator.ClearFaults();

    [Test]
    public async Task Cancelling_a_call_while_it_waits_for_the_answer_exits_130()
    {
        var injected = _simulator.FaultsInjected;
        _simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
        using var ctrlC = new CancellationTokenSource();

        var run = Cli.RunAsync(["get", "v3/certificates", "--profile", _profile.Path, "--base-uri", _simulator.BaseUri.ToString(), "--timeout", "30"], Cli.Lookup(null), ctrlC.Token);
        await WaitUntil(() => _simulator.FaultsInjected > injected || run.IsCompleted);
        ctrlC.Cancel();
        var (code, output, error) = await run;

        Assert.Multiple(() =>
        {
            Assert.That(_simulator.FaultsInjected, Is.EqualTo(injected + 1), "the call was waiting for the slow answer when cancelled");
            Assert.That(code, Is.EqualTo(130), error);
            Assert.That(error.Trim(), Is.EqualTo("wxpay: cancelled"));
            Assert.That(error, Does.Not.Contain("   at "));
            Assert.That(output, Is.Empty);
        });
    }

    [Test]
    public async Task Cancelling_the_demo_exits_130()
    {
        using var ctrlC = new CancellationTokenSource();
        ctrlC.Cancel();

        var (code, _, error) = await Cli.RunAsync(["demo"], Cli.Lookup(null), ctrlC.Token);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(130), error);
            Assert.That(error, Does.Contain("wxpay: cancelled").And.Not.Contain("   at "));
        });
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }
}
