using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>Starts simulators on the shared profile, on 127.0.0.1 and a free port.</summary>
internal static class Simulators
{
    public static Task<SimulatorServer> StartAsync(Action<SimulatorSettings>? configure = null)
    {
        var settings = new SimulatorSettings
        {
            ProfileDirectory = SharedProfile.Directory,
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(20)],
        };
        configure?.Invoke(settings);
        return SimulatorServer.StartAsync(settings);
    }
}
