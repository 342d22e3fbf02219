using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary><c>wxpay sim</c>: it runs, serves the profile the other commands read, posts notifications, stops cleanly, and fails to start with exit 64.</summary>
public class SimCommandTests
{
    [TestCase("ftp://127.0.0.1/notify")]
    [TestCase("notify")]
    [TestCase("/relative/notify")]
    public async Task A_notify_url_that_is_not_absolute_http_exits_64_before_anything_starts(string url)
    {
        using var profile = new TempDir();

        var (code, output, error) = await Cli.RunAsync(["sim", "--profile", profile.Path, "--port", "0", "--notify-url", url]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(64), output + error);
            Assert.That(error, Does.Contain("--notify-url").And.Contain("absolute http or https URL"));
            Assert.That(output, Is.Empty);
            Assert.That(Directory.Exists(profile.Path), Is.False, "no profile is generated for a command line that is wrong");
        });
    }

    [Test]
    public async Task A_port_in_use_exits_64_naming_the_port()
    {
        using var profile = new TempDir();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, output, error) = await Cli.RunAsync(["sim", "--profile", profile.Path, "--port", port.ToString()]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(64), output + error);
            Assert.That(error, Does.Contain($"--port {port}").And.Contain("Choose a free port"));
            Assert.That(error, Does.Not.Contain("   at "), "a message, not a stack trace");
        });
    }

    [Test]
    public async Task A_profile_directory_that_cannot_be_created_exits_64()
    {
        using var file = new TempDir();
        await File.WriteAllTextAsync(file.Path, "a file where the profile's parent directory should be");

        var (code, output, error) = await Cli.RunAsync(["sim", "--profile", Path.Combine(file.Path, "profile"), "--port", "0"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(64), output + error);
            Assert.That(error, Does.Contain("Cannot create a simulator profile in"));
            Assert.That(error, Does.Not.Contain("   at "), "a message, not a stack trace");
        });
    }

    [Test]
    public async Task Sim_serves_the_profile_the_call_commands_read_its_address_from_and_notifies_the_notify_url()
    {
        using var profile = new TempDir();
        // The receiver verifies with the merchant's keys, so they are made first; sim reuses an existing profile as is.
        var keys = SimulatorProfile.LoadOrCreate(profile.Path);
        using var merchant = new WeChatPayClient(Credentials.FromProfile(profile.Path));
        await using var receiver = await NotificationReceiver.StartAsync(merchant.Notifications, CancellationToken.None);
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        using var stop = new CancellationTokenSource();

        var sim = WxPay.RunAsync(["sim", "--profile", profile.Path, "--port", "0", "--notify-url", receiver.Url.ToString()], stdout, stderr, Cli.Lookup(null), stop.Token);
        Uri baseUri;
        try
        {
            baseUri = await ListeningOnAsync(sim, stdout, stderr);

            var certificates = await Cli.RunAsync(["get", "v3/certificates", "--profile", profile.Path]);
            Assert.That(certificates.Code, Is.EqualTo(0), certificates.Err);
            Assert.That((string?)JObject.Parse(certificates.Out)["data"]![0]!["serial_no"], Is.EqualTo(keys.PlatformCertificateSerial));

            var outOrderNo = "SIM" + Guid.NewGuid().ToString("N")[..12];
            var created = await Cli.RunAsync(["post", "v3/payscore/smartretail-orders", "--profile", profile.Path,
                "--json", $"{{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"out_order_no\":\"{outOrderNo}\"}}"]);
            Assert.That(created.Code, Is.EqualTo(0), created.Err);

            using var user = new HttpClient { BaseAddress = baseUri };
            using var accepted = await user.PostAsync($"simulator/smartretail-orders/{outOrderNo}/accept", null);
            Assert.That((int)accepted.StatusCode, Is.EqualTo(200));

            var notification = await receiver.NextAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.That(notification.EventType, Is.EqualTo("PAYSCORE.USER_CONFIRM"));
            Assert.That((string?)notification.Resource["out_order_no"], Is.EqualTo(outOrderNo));
            Assert.That((string?)notification.Resource["state"], Is.EqualTo("USER_ACCEPTED"));
            await WaitForAsync(() => stdout.Text.Contains($"notify PAYSCORE.USER_CONFIRM {outOrderNo} to {receiver.Url} try 1: delivered"), "the delivery in sim's transcript");
            Assert.That(stdout.Text, Does.Contain("GET /v3/certificates -> 200"));
        }
        finally
        {
            stop.Cancel();
        }

        Assert.That(await sim, Is.EqualTo(0), stderr.Text);
        using var probe = new HttpClient();
        Assert.That(() => probe.GetAsync(baseUri), Throws.InstanceOf<HttpRequestException>(), "nothing listens after the stop");
    }

    [Test]
    public async Task Sim_over_https_prints_its_APIv2_key_and_serves_v2_calls_made_from_the_profile()
    {
        using var profile = new TempDir();
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        using var stop = new CancellationTokenSource();

        var sim = WxPay.RunAsync(["sim", "--profile", profile.Path, "--https"], stdout, stderr, Cli.Lookup(null), stop.Token);
        try
        {
            var baseUri = await ListeningOnAsync(sim, stdout, stderr);
            var keys = SimulatorProfile.Load(profile.Path);

            Assert.That(baseUri.Scheme, Is.EqualTo("https"));
            Assert.That(stdout.Text, Does.Contain($"APIv2 key {keys.ApiV2Key}"));
            var hint = Regex.Match(stdout.Text, @"wxpay (post v2/pay/orderquery .*)").Groups[1].Value.Split(' ');
            var query = await Cli.RunAsync(hint);
            Assert.That(query.Code, Is.Not.EqualTo(0), "order 1 does not exist");
            Assert.That(query.Err, Does.Contain("ORDERNOTEXIST"), "the hint's call reached the simulator over HTTPS, signed and verified");
        }
        finally
        {
            stop.Cancel();
        }
        Assert.That(await sim, Is.EqualTo(0), stderr.Text);
    }

    [Test]
    public async Task Sim_with_scheme_sm2_takes_sm2_signed_calls_from_the_profile_and_refuses_rsa_ones()
    {
        using var profile = new TempDir();
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        using var stop = new CancellationTokenSource();

        var sim = WxPay.RunAsync(["sim", "--profile", profile.Path, "--port", "0", "--scheme", "sm2"], stdout, stderr, Cli.Lookup(null), stop.Token);
        try
        {
            await ListeningOnAsync(sim, stdout, stderr);
            var keys = SimulatorProfile.Load(profile.Path);

            var sm2 = await Cli.RunAsync(["get", "v3/certificates", "--query", "algorithm_type=SM2", "--profile", profile.Path, "--scheme", "sm2"]);
            var rsa = await Cli.RunAsync(["get", "v3/certificates", "--profile", profile.Path]);

            Assert.Multiple(() =>
            {
                Assert.That(stdout.Text, Does.Contain($"SM2 serial {keys.Sm2MerchantSerial}").And.Contain("only SM2-signed requests are taken").And.Contain("--scheme sm2"));
                Assert.That(sm2.Code, Is.EqualTo(0), sm2.Err);
                Assert.That((string?)JObject.Parse(sm2.Out)["data"]![0]!["serial_no"], Is.EqualTo(keys.Sm2PlatformCertificateSerial));
                Assert.That(rsa.Code, Is.EqualTo(1), rsa.Err);
                Assert.That(rsa.Err, Does.Contain("SIGN_ERROR").And.Contain("WECHATPAY2-SM2-WITH-SM3"));
            });
        }
        finally
        {
            stop.Cancel();
        }
        Assert.That(await sim, Is.EqualTo(0), stderr.Text);
    }

    private static async Task<Uri> ListeningOnAsync(Task<int> sim, SharedWriter stdout, SharedWriter stderr)
    {
        Match? match = null;
        await WaitForAsync(() =>
        {
            if (sim.IsCompleted) throw new AssertionException($"sim exited {sim.Result}: {stderr.Text}");
            match = Regex.Match(stdout.Text, @"listening on (\S+)");
            return match.Success;
        }, "sim to print its address");
        return new Uri(match!.Groups[1].Value);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(20))
        {
            if (condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail($"Timed out waiting for {what}.");
    }
}
