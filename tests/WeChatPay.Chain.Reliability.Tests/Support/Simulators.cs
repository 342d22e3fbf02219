using System.Collections.Concurrent;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>Starts simulators on the shared profile, on 127.0.0.1 and a free port, and counts the faults they played.</summary>
internal static class Simulators
{
    private static readonly ConcurrentQueue<SimulatorServer> Started = new();

    /// <summary>Requests that took an injected fault, over every simulator started so far: the figure docs/reliability.md reports.</summary>
    public static int FaultsTaken => Started.Sum(server => server.FaultsInjected);

    public static async Task<SimulatorServer> StartAsync(Action<SimulatorSettings>? configure = null)
    {
        var settings = new SimulatorSettings
        {
            ProfileDirectory = SharedProfile.Directory,
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(20)],
        };
        configure?.Invoke(settings);
        var server = await SimulatorServer.StartAsync(settings);
        Started.Enqueue(server);
        return server;
    }
}
