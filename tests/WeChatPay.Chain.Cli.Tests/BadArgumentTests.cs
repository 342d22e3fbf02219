using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// Arguments, environment variables and profile files that are unusable: each is a usage error (64) that names what is
/// wrong, never a stack trace; anything unforeseen is an internal error (70) in one line.
/// </summary>
public class BadArgumentTests : SimulatorFixture
{
    private string[] Profile => ["--profile", ProfileDirectory.Path, "--base-uri", Simulator.BaseUri.ToString()];

    private static void AssertUsage(Cli.Result result, string named)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(64), result.Out + result.Err);
            Assert.That(result.Err, Does.Contain(named));
            Assert.That(result.Err, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(result.Out, Is.Empty);
        });
    }

    [Test]
    public async Task An_empty_private_key_path_is_a_usage_error()
    {
        AssertUsage(await Cli.RunAsync(["get", "v3/certificates", .. Profile, "--private-key", ""]), "--private-key");
    }

    [Test]
    public async Task A_cert_flag_without_a_path_is_a_usage_error()
    {
        AssertUsage(await Cli.RunAsync(["get", "v3/certificates", .. Profile, "--cert", Simulator.Profile.PlatformCertificateSerial + "="]), "--cert");
    }

    [Test]
    public async Task A_wechatpay_certs_entry_without_a_path_is_a_usage_error()
    {
        var environment = new Dictionary<string, string> { [Credentials.CertsVariable] = Simulator.Profile.PlatformCertificateSerial + "=" };

        AssertUsage(await Cli.RunAsync(["get", "v3/certificates", "--mchid", Simulator.Profile.MchId], environment), Credentials.CertsVariable);
    }

    [Test]
    public async Task A_cert_id_that_is_neither_a_serial_nor_a_public_key_id_is_a_usage_error()
    {
        var result = await Cli.RunAsync(["get", "v3/certificates", .. Profile, "--cert", $"my platform key={Simulator.Profile.PlatformCertificatePath}"]);

        AssertUsage(result, "--cert");
        Assert.That(result.Err, Does.Contain("serial").And.Contain("PUB_KEY_ID_").And.Not.Contain("my platform key"));
    }

    [Test]
    public async Task Json_at_without_a_file_name_is_a_usage_error()
    {
        AssertUsage(await Cli.RunAsync(["post", "v3/payscore/smartretail-orders", .. Profile, "--json", "@"]), "--json");
    }

    [Test]
    public async Task An_empty_simProfileDirectory_is_a_usage_error()
    {
        AssertUsage(await Cli.RunAsync(["sim", "--profile", ""]), "--profile");
    }

    [Test]
    public async Task Certificates_out_naming_an_existing_file_is_a_usage_error()
    {
        using var file = new TempDir();
        await File.WriteAllTextAsync(file.Path, "not a directory");

        AssertUsage(await Cli.RunAsync(["certificates", .. Profile, "--out", file.Path]), "--out");
    }

    [Test]
    public async Task Certificates_out_where_a_file_cannot_be_written_is_a_usage_error()
    {
        using var output = new TempDir();
        // A directory where the certificate file would go: writing the file is refused, whoever runs the test.
        Directory.CreateDirectory(Path.Combine(output.Path, $"wechatpay_{Simulator.Profile.PlatformCertificateSerial}.pem"));

        AssertUsage(await Cli.RunAsync(["certificates", .. Profile, "--out", output.Path]), "--out");
    }

    [TestCase("{\"mchid\":{\"id\":\"1900000109\"}}", "mchid")]
    [TestCase("{\"serial\":[\"ABC\"]}", "serial")]
    [TestCase("{\"privateKey\":{}}", "privateKey")]
    [TestCase("{\"certs\":{\"ABCDEF\":{\"path\":\"x.pem\"}}}", "certs")]
    public async Task AProfileDirectory_whose_values_are_not_text_is_a_usage_error(string json, string field)
    {
        using var profile = new TempDir();
        Directory.CreateDirectory(profile.Path);
        await File.WriteAllTextAsync(Path.Combine(profile.Path, "profile.json"), json);

        var result = await Cli.RunAsync(["get", "v3/certificates", "--profile", profile.Path]);

        AssertUsage(result, "profile.json");
        Assert.That(result.Err, Does.Contain(field));
    }

    [Test]
    public async Task An_unforeseen_failure_is_an_internal_error_in_one_line()
    {
        string? Environment(string name) => name == Credentials.MchIdVariable ? throw new InvalidOperationException("the environment is unreadable") : null;

        var (code, output, error) = await Cli.RunAsync(["get", "v3/certificates"], Environment, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(70), error);
            Assert.That(error.Trim(), Is.EqualTo("wxpay: internal error: System.InvalidOperationException: the environment is unreadable"));
            Assert.That(output, Is.Empty);
        });
    }

    [Test]
    public async Task Wxpay_debug_adds_the_stack_trace_to_an_internal_error()
    {
        string? Environment(string name) => name switch
        {
            Credentials.MchIdVariable => throw new InvalidOperationException("the environment is unreadable"),
            "WXPAY_DEBUG" => "1",
            _ => null,
        };

        var (code, _, error) = await Cli.RunAsync(["get", "v3/certificates"], Environment, CancellationToken.None);

        Assert.That(code, Is.EqualTo(70), error);
        Assert.That(error, Does.Contain("wxpay: internal error: System.InvalidOperationException").And.Contain("   at "));
    }
}
