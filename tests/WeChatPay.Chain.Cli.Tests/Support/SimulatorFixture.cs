using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>One simulator on a fresh profile for all the tests of a class; injected faults are cleared after each test.</summary>
public abstract class SimulatorFixture
{
    /// <summary>The simulator's profile directory.</summary>
    protected TempDir ProfileDirectory { get; private set; } = null!;

    /// <summary>The simulator, listening on 127.0.0.1.</summary>
    protected SimulatorServer Simulator { get; private set; } = null!;

    /// <summary>Whether the simulator serves HTTPS; plain HTTP unless a class says otherwise.</summary>
    protected virtual bool Https => false;

    [OneTimeSetUp]
    public async Task StartSimulator()
    {
        ProfileDirectory = new TempDir();
        Simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = ProfileDirectory.Path, Https = Https });
    }

    [OneTimeTearDown]
    public async Task StopSimulator()
    {
        await Simulator.DisposeAsync();
        ProfileDirectory.Dispose();
    }

    [TearDown]
    public void ClearFaults() => Simulator.ClearFaults();
}
