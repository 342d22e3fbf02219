using System.CommandLine;
using System.Runtime.InteropServices;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary><c>wxpay sim</c>: runs the simulator in the foreground until Ctrl+C.</summary>
internal static class SimCommand
{
    public static Command Create(TextWriter stdout)
    {
        var profile = new Option<string>("--profile") { Description = "Profile directory; created with fresh keys when empty.", DefaultValueFactory = _ => "wxpay-sim-profile" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1; 0 takes any free port.", DefaultValueFactory = _ => 0 };
        var notifyUrl = new Option<Uri?>("--notify-url") { Description = "Where to post notifications for orders created without notify_url." };
        var command = new Command("sim", "Run the local WeChat Pay simulator (smart-retail orders, /v3/certificates, notifications) on 127.0.0.1.");
        foreach (var option in new Option[] { profile, port, notifyUrl }) command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(port) is < 0 or > 65535) throw new UsageException("--port must be 0 to 65535.");
            var directory = Path.GetFullPath(parse.GetValue(profile)!);
            await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = directory, Port = parse.GetValue(port), NotifyUrl = parse.GetValue(notifyUrl) }, cancellationToken);
            server.RequestHandled += (_, e) => stdout.WriteLine($"{e.Method} {e.Target} -> {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)} (Request-ID {e.RequestId})");
            server.NotificationAttempted += (_, e) => stdout.WriteLine($"notify {e.EventType} {e.OutOrderNo} to {e.Url} try {e.Attempt}: {(e.Succeeded ? "delivered" : e.Error ?? $"HTTP {e.StatusCode}")}");
            stdout.WriteLine($"WeChat Pay simulator listening on {server.BaseUri}");
            stdout.WriteLine($"  mchid {server.Profile.MchId}, profile {server.Profile.ProfilePath}");
            stdout.WriteLine($"  try: wxpay get v3/certificates --profile {directory}");
            stdout.WriteLine("Press Ctrl+C to stop.");
            // Ctrl+C arrives through the token; SIGTERM (a service manager, `timeout`, `docker stop`) is turned into the same stop.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop cleanly.
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
