using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

public class CliTests
{
    private string _profile = null!;
    private SimulatorServer _simulator = null!;

    [OneTimeSetUp]
    public async Task StartSimulator()
    {
        _profile = Path.Combine(Path.GetTempPath(), "wxpay-cli-tests-" + Guid.NewGuid().ToString("N")[..8]);
        _simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _profile });
    }

    [OneTimeTearDown]
    public async Task StopSimulator()
    {
        await _simulator.DisposeAsync();
        Directory.Delete(_profile, recursive: true);
    }

    /// <summary>Runs with no environment variables at all, so the machine's WECHATPAY_* settings cannot change a result.</summary>
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (code, stdout, stderr) = await Cli.RunAsync(args);
        return (code, stdout, stderr);
    }

    private string[] Profile => ["--profile", _profile, "--base-uri", _simulator.BaseUri.ToString()];

    [Test]
    public async Task Demo_runs_the_whole_flow_and_exits_zero()
    {
        var (code, output, error) = await Run("demo");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("state=CREATED").And.Contain("state=USER_ACCEPTED").And.Contain("state=FINISHED").And.Contain("state=USER_PAID"));
        Assert.That(output, Does.Contain("PAYSCORE.USER_CONFIRM: signature verified, resource decrypted, state=USER_ACCEPTED"));
        Assert.That(output, Does.Contain("PAYSCORE.USER_PAID: signature verified, resource decrypted, state=USER_PAID"));
        foreach (var style in new[] { "async, chained", "async, Chain()", "async, indexer", "sync, chained", "sync, Chain()", "sync, indexer" })
            Assert.That(output, Does.Contain(style));
    }

    [Test]
    public async Task Demo_v2_runs_the_APIv2_flow_over_mutual_TLS_and_exits_zero()
    {
        var (code, output, error) = await Run("demo", "--v2");

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.StartWith("   · simulator on https://127.0.0.1:"));
        Assert.That(output, Does.Contain("micropay: USERPAYING, its sign verified").And.Contain("trade_state=USERPAYING").And.Contain("trade_state=SUCCESS")
            .And.Contain("POST /secapi/pay/refund -> 200 refund_fee=400"));
    }

    [Test]
    public async Task Post_then_get_print_the_verified_json()
    {
        var outOrderNo = "CLI" + Guid.NewGuid().ToString("N")[..12];
        var (code, output, error) = await Run([.. (string[])["post", "v3/payscore/smartretail-orders", "--json", $"{{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"out_order_no\":\"{outOrderNo}\"}}"], .. Profile]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That((string?)JObject.Parse(output)["state"], Is.EqualTo("CREATED"));

        (code, output, error) = await Run([.. (string[])["get", "v3/payscore/smartretail-orders", "--query", "service_id=500001", "--query", $"out_order_no={outOrderNo}", "--query", "appid=wxd678efh567hg6787"], .. Profile]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That((string?)JObject.Parse(output)["out_order_no"], Is.EqualTo(outOrderNo));

        (code, output, error) = await Run([.. (string[])["post", "v3/payscore/smartretail-orders/{out_order_no}/cancel", "--param", $"out_order_no={outOrderNo}", "--json", "{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"reason\":\"test\"}"], .. Profile]);
        Assert.That(code, Is.EqualTo(0), error);
    }

    [Test]
    public async Task Json_can_come_from_a_file()
    {
        var file = Path.Combine(_profile, "create.json");
        var body = new JObject { ["appid"] = "wxd678efh567hg6787", ["service_id"] = "500001", ["out_order_no"] = "FILE" + Guid.NewGuid().ToString("N")[..12] };
        await File.WriteAllTextAsync(file, body.ToString());
        var (code, output, error) = await Run([.. (string[])["post", "v3/payscore/smartretail-orders", "--json", "@" + file], .. Profile]);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That((string?)JObject.Parse(output)["out_order_no"], Is.EqualTo((string?)body["out_order_no"]));
    }

    [Test]
    public async Task Certificates_are_downloaded_decrypted_verified_and_saved()
    {
        var output = Path.Combine(_profile, "downloaded");
        var (code, stdout, error) = await Run([.. (string[])["certificates", "--out", output], .. Profile]);
        Assert.That(code, Is.EqualTo(0), error);
        var serial = _simulator.Profile.PlatformCertificateSerial;
        Assert.That(stdout, Does.Contain($"platform certificate {serial}").And.Contain("expires"));
        var saved = await File.ReadAllTextAsync(Path.Combine(output, $"wechatpay_{serial}.pem"));
        Assert.That(saved.Trim(), Is.EqualTo((await File.ReadAllTextAsync(_simulator.Profile.PlatformCertificatePath)).Trim()));
    }

    [Test]
    public async Task Certificates_with_a_wrong_apiv3_key_exit_2()
    {
        var (code, _, error) = await Run([.. (string[])["certificates", "--out", Path.Combine(_profile, "nope"), "--apiv3-key", "ffffffffffffffffffffffffffffffff"], .. Profile]);
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("APIv3 key"));
    }

    [Test]
    public async Task An_api_error_exits_1_with_the_error_on_stderr()
    {
        var (code, output, error) = await Run([.. (string[])["get", "v3/payscore/smartretail-orders", "--query", "service_id=500001", "--query", "out_order_no=NOPE", "--query", "appid=wxd678efh567hg6787"], .. Profile]);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("HTTP 404").And.Contain("ORDER_NOT_EXIST"));
    }

    [Test]
    public async Task A_response_signed_by_another_key_exits_2()
    {
        var otherKey = Path.Combine(_profile, "other_pub.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
            await File.WriteAllTextAsync(otherKey, rsa.ExportSubjectPublicKeyInfoPem());
        var serial = _simulator.Profile.PlatformCertificateSerial;
        var (code, _, error) = await Run("get", "v3/certificates", "--mchid", _simulator.Profile.MchId, "--serial", _simulator.Profile.MerchantSerial,
            "--private-key", _simulator.Profile.PrivateKeyPath, "--cert", $"{serial}={otherKey}", "--base-uri", _simulator.BaseUri.ToString());
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("does not match"));
    }

    [Test]
    public async Task No_server_exits_3()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (code, _, error) = await Run("get", "v3/certificates", "--profile", _profile, "--base-uri", $"http://127.0.0.1:{port}/");
        Assert.That(code, Is.EqualTo(3), error);
    }

    [TestCase("get")]
    [TestCase("get", "v3/x", "--no-such-flag")]
    [TestCase("get", "v3/x", "--profile", "/nonexistent/profile")]
    [TestCase("get", "v3/x", "--query", "novalue")]
    [TestCase("post", "v3/x", "--json", "{not json")]
    [TestCase("bogus")]
    public async Task Usage_errors_exit_64(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.That(code, Is.EqualTo(64), output + error);
        Assert.That(error, Is.Not.Empty);
    }

    [TestCase]
    [TestCase("get")]
    [TestCase("sim")]
    [TestCase("demo")]
    [TestCase("certificates")]
    public async Task Help_is_available_at_every_level(params string[] path)
    {
        var (code, output, _) = await Run([.. path, "--help"]);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.Contain("Usage:").And.Contain("--help"));
    }
}
