using System.Net;
using System.Net.Sockets;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// What a newcomer gets wrong at the shell, each answered in the command line's own terms: through the real
/// <c>wxpay</c> process, exit code and message.
/// </summary>
public class NewcomerHintTests : SimulatorFixture
{
    [Test]
    public async Task A_missing_placeholder_value_names_the_param_flag()
    {
        var (code, _, error) = await WxPayProcess.RunAsync(["post", "v3/payscore/smartretail-orders/{out_order_no}/complete", "--profile", ProfileDirectory.Path, "--json", "{}"]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain("needs a value for {out_order_no}: add --param out_order_no=…"));
        Assert.That(error, Does.Not.Contain("new {"), "no C# in a shell's error");
    }

    [Test]
    public async Task No_credentials_name_the_profile_the_flags_and_the_environment_variables()
    {
        var (code, _, error) = await WxPayProcess.RunAsync(["get", "v3/certificates"]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain("No merchant to act as").And.Contain("--profile DIR").And.Contain("--mchid").And.Contain("--private-key")
            .And.Contain("WECHATPAY_MCHID").And.Contain("WECHATPAY_PRIVATE_KEY"));
    }

    [TestCase("pots", "post")]
    [TestCase("gt", "get")]
    [TestCase("certificate", "certificates")]
    [TestCase("demmo", "demo")]
    public async Task An_unknown_command_suggests_the_nearest_one_first(string typed, string meant)
    {
        var (code, _, error) = await WxPayProcess.RunAsync([typed, "v3/certificates"]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.StartWith($"wxpay: '{typed}' is not a command. Did you mean '{meant}'?"));
        Assert.That(error, Does.Not.Contain("Required command was not provided"));
    }

    [Test]
    public async Task An_unknown_command_far_from_any_lists_the_commands()
    {
        var (code, _, error) = await WxPayProcess.RunAsync(["refund"]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.StartWith("wxpay: 'refund' is not a command.\n").Or.StartWith("wxpay: 'refund' is not a command.\r\n"));
        Assert.That(error, Does.Contain("Commands: get, post, put, patch, delete, certificates, sim, demo."));
    }

    [Test]
    public async Task A_refused_connection_with_a_simulator_profile_asks_whether_its_simulator_runs()
    {
        using var stopped = new TempDir();
        var profile = WeChatPay.Chain.Simulator.SimulatorProfile.LoadOrCreate(stopped.Path);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, error) = await WxPayProcess.RunAsync(["get", "v3/certificates", "--profile", profile.Directory, "--base-uri", $"http://127.0.0.1:{port}/"]);

        Assert.That(code, Is.EqualTo(3), error);
        Assert.That(error, Does.Contain($"Is the simulator of this profile still running? Start it with: wxpay sim --profile {profile.Directory}"));
    }

    [TestCase("--query", "service_id")]
    [TestCase("--param", "out_order_no")]
    public async Task An_entry_without_equals_is_shown_with_the_form_it_takes(string option, string entry)
    {
        var (code, _, error) = await WxPayProcess.RunAsync(["get", "v3/payscore/smartretail-orders", option, entry, "--profile", ProfileDirectory.Path]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain($"{option} takes name=value; entry #1 '{entry}' has no '='; write {option} {entry}=…"));
    }

    [Test]
    public async Task A_header_without_equals_is_still_not_repeated()
    {
        var (code, _, error) = await WxPayProcess.RunAsync(["get", "v3/certificates", "--header", "Authorization: Bearer s3cr3t", "--profile", ProfileDirectory.Path]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Not.Contain("s3cr3t"));
    }

    [Test]
    public async Task Sim_on_a_busy_port_writes_no_profile()
    {
        using var profile = new TempDir();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = await WxPayProcess.RunAsync(["sim", "--profile", profile.Path, "--port", port.ToString()]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(Directory.Exists(profile.Path), Is.False, "no keys were generated for a server that never ran");
    }
}
