using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// <c>wxpay sim</c>: runs the simulator in the foreground until Ctrl+C or SIGTERM. Whatever stops it from starting —
/// a bad option, a port in use, a profile directory that cannot be written — is a usage error (exit 64) with a message.
/// </summary>
internal static class SimCommand
{
    public static Command Create(TextWriter stdout)
    {
        var profile = new Option<string>("--profile") { Description = "Profile directory; created with fresh keys when empty. It must be writable: the address is recorded in its profile.json. Use one directory per server running at once.", DefaultValueFactory = _ => "wxpay-sim-profile" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1; 0 takes any free port.", DefaultValueFactory = _ => 0 };
        var notifyUrl = new Option<string?>("--notify-url") { Description = "Absolute http(s) URL to post notifications to for orders created without notify_url." };
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with the profile's self-signed certificate (simulator/tls_cert.pem), as APIv2's secapi endpoints need for mutual TLS; clients made from the profile trust it." };
        var publicKeyMode = new Option<bool>("--public-key-mode") { Description = "Act for a merchant in public-key mode: sign everything under the PUB_KEY_ID_… and answer GET /v3/certificates with 404 RESOURCE_NOT_EXISTS." };
        var scheme = SchemeOption.Create("take only requests signed in this scheme, as a merchant of that kind; without it both are taken, each answered in its own. Every profile holds RSA and SM2 keys.");
        var command = new Command("sim", "Run the local WeChat Pay simulator (smart-retail orders, /v3/certificates, notifications, uploads, bills, statements; APIv2 micropay, orders, refunds and bills) on 127.0.0.1. Exit codes: 0 stopped by Ctrl+C or SIGTERM, 64 could not start (bad option, port in use, profile not writable).");
        foreach (var option in new Option[] { profile, port, notifyUrl, publicKeyMode, https, scheme }) command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new SimulatorSettings
            {
                ProfileDirectory = ProfileDirectory(parse.GetValue(profile)!),
                Port = parse.GetValue(port) is >= 0 and <= 65535 and var p ? p : throw new UsageException("--port must be 0 to 65535."),
                NotifyUrl = NotifyUrl(parse.GetValue(notifyUrl)),
                PublicKeyMode = parse.GetValue(publicKeyMode),
                Https = parse.GetValue(https),
                Scheme = SchemeOption.Read(parse, scheme),
            };
            await using var server = await StartAsync(settings, cancellationToken);
            server.RequestHandled += (_, e) => stdout.WriteLine($"{e.Method} {e.Target} -> {e.Status}{(e.ErrorCode is null ? "" : " " + e.ErrorCode)} (Request-ID {e.RequestId})");
            server.NotificationAttempted += (_, e) => stdout.WriteLine($"notify {e.EventType} {e.OutOrderNo} to {e.Url} try {e.Attempt}: {(e.Succeeded ? "delivered" : e.Error ?? $"HTTP {e.StatusCode}")}");
            stdout.WriteLine($"WeChat Pay simulator listening on {server.BaseUri}");
            stdout.WriteLine($"  mchid {server.Profile.MchId}, profile {server.Profile.ProfilePath}{(settings.PublicKeyMode ? ", public-key mode" : "")}");
            stdout.WriteLine($"  APIv2 key {server.Profile.ApiV2Key} (signs v2/ calls; a simulator's key, worthless elsewhere), merchant certificate {server.Profile.MerchantCertificatePath}");
            stdout.WriteLine($"  国密: SM2 serial {server.Profile.Sm2MerchantSerial}, key {server.Profile.Sm2PrivateKeyPath}, SM2 platform certificate {server.Profile.Sm2PlatformCertificateSerial}{(settings.Scheme is { } only ? $"; only {(only == SignatureScheme.Sm2WithSm3 ? "SM2" : "RSA")}-signed requests are taken" : "")}");
            var sm2Flag = settings.Scheme == SignatureScheme.Sm2WithSm3 ? " --scheme sm2" : "";
            stdout.WriteLine($"  try: wxpay get v3/certificates{(sm2Flag.Length > 0 ? " --query algorithm_type=SM2" : "")} --profile {settings.ProfileDirectory}{sm2Flag}");
            stdout.WriteLine($"       wxpay post v2/pay/orderquery --xml appid=wxd678efh567hg6787 --xml mch_id={server.Profile.MchId} --xml out_trade_no=1 --profile {settings.ProfileDirectory}");
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

    /// <summary>Starts the server; a port that cannot be bound is the caller's to change, so it is a usage error.</summary>
    private static async Task<SimulatorServer> StartAsync(SimulatorSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await SimulatorServer.StartAsync(settings, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            throw new UsageException($"--port {settings.Port}: cannot listen on 127.0.0.1:{settings.Port} ({e.Message}). Choose a free port, or 0 for any free port.");
        }
    }

    /// <summary>The profile directory made absolute; an empty or malformed path is caught here, before anything starts.</summary>
    private static string ProfileDirectory(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException("--profile is empty: give a directory, such as ./wxpay-sim-profile.");
        try
        {
            return Path.GetFullPath(text);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"--profile '{text}' is not a usable directory path: {e.Message}");
        }
    }

    /// <summary>WeChat Pay posts notifications to absolute http or https URLs only; anything else is caught here, not at the first notification.</summary>
    private static Uri? NotifyUrl(string? text)
    {
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"--notify-url '{text}' is not an absolute http or https URL, such as http://127.0.0.1:8080/notify.");
    }
}
