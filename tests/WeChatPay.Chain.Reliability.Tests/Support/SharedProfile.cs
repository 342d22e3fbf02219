using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests;

/// <summary>One simulator profile for the whole run (in the root namespace, so that it is set up for every fixture) (generating its RSA keys is the slow part), deleted afterwards.</summary>
[SetUpFixture]
public sealed class SharedProfile
{
    private static string? _directory;

    public static string Directory => _directory ?? throw new InvalidOperationException("The shared profile is made in OneTimeSetUp.");

    [OneTimeSetUp]
    public void Generate()
    {
        _directory = Path.Combine(Path.GetTempPath(), "wxpay-reliability-" + Guid.NewGuid().ToString("N"));
        SimulatorProfile.LoadOrCreate(_directory);
    }

    [OneTimeTearDown]
    public void Delete()
    {
        TestContext.Progress.WriteLine($"Faults injected and played by the simulators of this run: {Simulators.FaultsTaken}");
        if (_directory is not null && System.IO.Directory.Exists(_directory)) System.IO.Directory.Delete(_directory, recursive: true);
    }
}
