using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary><c>--scheme sm2</c>: the demo, certificate download and calls in 国密, from a simulator profile's <c>sm2</c> credentials.</summary>
public class ShangMiCliTests : SimulatorFixture
{
    [Test]
    public async Task Demo_in_sm2_runs_the_whole_flow_in_sm2_and_exits_zero()
    {
        var (code, output, error) = await Cli.RunAsync(["demo", "--scheme", "sm2"]);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Does.Contain("国密: requests signed WECHATPAY2-SM2-WITH-SM3"));
            Assert.That(output, Does.Contain("state=USER_PAID").And.Contain("PAYSCORE.USER_PAID: signature verified, resource decrypted"));
            Assert.That(output, Does.Contain("every answer signed under the SM2 platform certificate").And.Contain("both notifications encrypted with AEAD_SM4_GCM"));
            Assert.That(error, Is.Empty);
        });
    }

    [Test]
    public async Task Demo_v2_in_sm2_is_a_usage_error()
    {
        var (code, _, error) = await Cli.RunAsync(["demo", "--v2", "--scheme", "sm2"]);

        Assert.That(code, Is.EqualTo(64));
        Assert.That(error, Does.Contain("APIv2").And.Contain("no 国密 mode"));
    }

    [TestCase("get", "v3/certificates", "--scheme", "ecdsa")]
    [TestCase("demo", "--scheme", "SM3")]
    [TestCase("sim", "--scheme", "rsa2048")]
    public async Task A_scheme_that_is_not_rsa_or_sm2_is_a_usage_error(params string[] args)
    {
        var (code, _, error) = await Cli.RunAsync(args);

        Assert.That(code, Is.EqualTo(64));
        Assert.That(error, Does.Contain("is not a scheme: give rsa").And.Contain("or sm2"));
    }

    [Test]
    public async Task Certificates_in_sm2_downloads_verifies_and_saves_the_sm2_platform_certificate()
    {
        using var output = new TempDir();

        var (code, stdout, error) = await Cli.RunAsync(["certificates", "--profile", ProfileDirectory.Path, "--scheme", "sm2", "--out", output.Path]);

        var serial = Simulator.Profile.Sm2PlatformCertificateSerial;
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(stdout, Does.Contain($"platform certificate {serial}"));
        Assert.That(File.ReadAllText(Path.Combine(output.Path, $"wechatpay_{serial}.pem")), Is.EqualTo(File.ReadAllText(Simulator.Profile.Sm2PlatformCertificatePath)));
    }

    [Test]
    public async Task A_call_in_sm2_is_verified_under_the_sm2_platform_certificate()
    {
        var (code, stdout, error) = await Cli.RunAsync(["get", "v3/certificates", "--query", "algorithm_type=ALL", "--profile", ProfileDirectory.Path, "--scheme", "sm2"]);

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(JObject.Parse(stdout)["data"]!.Select(entry => (string?)entry["serial_no"]),
            Is.EquivalentTo(new[] { Simulator.Profile.PlatformCertificateSerial, Simulator.Profile.Sm2PlatformCertificateSerial }));
    }

    [Test]
    public void The_scheme_variable_takes_the_profiles_sm2_credentials_and_never_its_rsa_ones()
    {
        var options = Credentials.Resolve(new CredentialArguments { Profile = ProfileDirectory.Path }, Cli.Lookup(new Dictionary<string, string> { [Credentials.SchemeVariable] = "SM2" }));

        Assert.Multiple(() =>
        {
            Assert.That(options.Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
            Assert.That(options.Serial, Is.EqualTo(Simulator.Profile.Sm2MerchantSerial));
            Assert.That(options.PrivateKey, Is.EqualTo("file://" + Simulator.Profile.Sm2PrivateKeyPath));
            Assert.That(options.Certs.Keys, Is.EquivalentTo(new[] { Simulator.Profile.Sm2PlatformCertificateSerial }));
            Assert.That(options.MerchantCertificate, Is.Null, "the merchant certificate is RSA");
            Assert.That(options.MchId, Is.EqualTo(Simulator.Profile.MchId), "the merchant is the same");
            Assert.That(options.ApiV3Key, Is.EqualTo(Simulator.Profile.ApiV3Key));
        });
    }
}
