using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>Ctrl+C (the run's token cancelled) during a call or the demo: one line on stderr and exit 130, never a stack trace.</summary>
public class CancellationTests : SimulatorFixture
{
    [Test]
    public async Task Cancelling_a_call_while_it_waits_for_the_answer_exits_130()
    {
        var injected = Simulator.FaultsInjected;
        Simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));
        using var ctrlC = new CancellationTokenSource();

        var run = Cli.RunAsync(["get", "v3/certificates", "--profile", ProfileDirectory.Path, "--base-uri", Simulator.BaseUri.ToString(), "--timeout", "30"], Cli.Lookup(null), ctrlC.Token);
        await WaitUntil(() => Simulator.FaultsInjected > injected || run.IsCompleted);
        ctrlC.Cancel();
        var (code, output, error) = await run;

        Assert.Multiple(() =>
        {
            Assert.That(Simulator.FaultsInjected, Is.EqualTo(injected + 1), "the call was waiting for the slow answer when cancelled");
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
