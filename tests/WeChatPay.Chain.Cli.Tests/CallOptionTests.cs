using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary><c>--header</c>, <c>--timeout</c>, and <c>wxpay certificates</c> against a merchant in public-key mode.</summary>
public class CallOptionTests : SimulatorFixture
{
    /// <summary>A client that knows the WeChat Pay public key alone, as a merchant in public-key mode does.</summary>
    private string[] PublicKeyOnly => ["--mchid", Simulator.Profile.MchId, "--serial", Simulator.Profile.MerchantSerial,
        "--private-key", Simulator.Profile.PrivateKeyPath, "--cert", $"{Simulator.Profile.PublicKeyId}={Simulator.Profile.CertificatePaths[Simulator.Profile.PublicKeyId]}",
        "--base-uri", Simulator.BaseUri.ToString()];

    [Test]
    public async Task A_wechatpay_serial_header_naming_the_public_key_id_is_answered_under_it()
    {
        var asked = await Cli.RunAsync(["get", "v3/certificates", .. PublicKeyOnly, "--header", $"Wechatpay-Serial={Simulator.Profile.PublicKeyId}"]);
        var notAsked = await Cli.RunAsync(["get", "v3/certificates", .. PublicKeyOnly]);

        Assert.Multiple(() =>
        {
            Assert.That(asked.Code, Is.EqualTo(0), "verified with the public key alone: the answer named the PUB_KEY_ID. " + asked.Err);
            Assert.That(JObject.Parse(asked.Out)["data"], Is.InstanceOf<JArray>());
            Assert.That(notAsked.Code, Is.EqualTo(2), "without the header the answer names the certificate serial, which this client lacks. " + notAsked.Err);
            Assert.That(notAsked.Err, Does.Contain(Simulator.Profile.PlatformCertificateSerial));
        });
    }

    [Test]
    public async Task A_slow_answer_past_the_timeout_exits_3_with_a_timeout_message()
    {
        var injected = Simulator.FaultsInjected;
        Simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromSeconds(20)));

        var (code, output, error) = await Cli.RunAsync(["get", "v3/certificates", "--profile", ProfileDirectory.Path, "--base-uri", Simulator.BaseUri.ToString(), "--timeout", "0.5"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(3), error);
            Assert.That(error, Does.Contain("timed out"));
            Assert.That(output, Is.Empty);
            Assert.That(Simulator.FaultsInjected, Is.EqualTo(injected + 1), "the slow answer was the one waited for");
        });
    }

    [Test]
    public async Task A_timeout_longer_than_a_slow_answer_waits_for_it()
    {
        var injected = Simulator.FaultsInjected;
        Simulator.InjectFault(SimulatedFault.Slow(TimeSpan.FromMilliseconds(300)));

        var (code, _, error) = await Cli.RunAsync(["get", "v3/certificates", "--profile", ProfileDirectory.Path, "--base-uri", Simulator.BaseUri.ToString(), "--timeout", "20"]);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(Simulator.FaultsInjected, Is.EqualTo(injected + 1));
    }

    [TestCase("0")]
    [TestCase("1e-8")]
    [TestCase("-1")]
    [TestCase("soon")]
    public async Task A_timeout_that_is_not_a_positive_number_of_seconds_exits_64(string timeout)
    {
        var (code, _, error) = await Cli.RunAsync(["get", "v3/certificates", "--profile", ProfileDirectory.Path, "--timeout", timeout]);

        Assert.That(code, Is.EqualTo(64), error);
        Assert.That(error, Does.Contain("--timeout"));
    }

    [Test]
    public async Task Certificates_against_a_public_key_mode_merchant_exit_1_saying_so()
    {
        using var otherProfile = new TempDir();
        await using var publicKeyMode = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = otherProfile.Path, PublicKeyMode = true });
        using var output = new TempDir();

        var (code, stdout, error) = await Cli.RunAsync(["certificates", "--profile", otherProfile.Path, "--out", output.Path]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), error);
            Assert.That(error, Does.Contain("public key mode").And.Contain("PUB_KEY_ID_").And.Contain("RESOURCE_NOT_EXISTS"));
            Assert.That(stdout, Is.Empty);
            Assert.That(Directory.Exists(output.Path) && Directory.EnumerateFileSystemEntries(output.Path).Any(), Is.False, "nothing was saved");
        });
    }
}
