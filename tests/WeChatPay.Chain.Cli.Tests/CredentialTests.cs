using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// Where the credentials come from: each setting from its flag, else from <c>--profile</c>, else from its
/// <c>WECHATPAY_*</c> environment variable — the environment given to each run, never the process's.
/// </summary>
public class CredentialTests : SimulatorFixture
{
    private readonly TempDir _other = new();

    [OneTimeTearDown]
    public void DeleteOtherProfile() => _other.Dispose();

    private SimulatorProfile Keys => Simulator.Profile;

    /// <summary>Another merchant's complete, valid settings, so that taking any one of them would show.</summary>
    private Dictionary<string, string> OtherMerchantsEnvironment()
    {
        var other = SimulatorProfile.LoadOrCreate(_other.Path);
        return new Dictionary<string, string>
        {
            [Credentials.MchIdVariable] = other.MchId,
            [Credentials.SerialVariable] = other.MerchantSerial,
            [Credentials.PrivateKeyVariable] = other.PrivateKeyPath,
            [Credentials.CertsVariable] = string.Join(",", other.CertificatePaths.Select(pair => $"{pair.Key}={pair.Value}")),
            [Credentials.ApiV3KeyVariable] = other.ApiV3Key,
            [Credentials.BaseUriVariable] = "http://127.0.0.1:9/",
        };
    }

    private Dictionary<string, string> OwnEnvironment() => new()
    {
        [Credentials.MchIdVariable] = Keys.MchId,
        [Credentials.SerialVariable] = Keys.MerchantSerial,
        [Credentials.PrivateKeyVariable] = Keys.PrivateKeyPath,
        [Credentials.CertsVariable] = string.Join(",", Keys.CertificatePaths.Select(pair => $"{pair.Key}={pair.Value}")),
        [Credentials.ApiV3KeyVariable] = Keys.ApiV3Key,
        [Credentials.BaseUriVariable] = Simulator.BaseUri.ToString(),
    };

    [Test]
    public void TheProfileDirectory_wins_over_the_environment_for_every_setting()
    {
        var environment = OtherMerchantsEnvironment();

        var options = Credentials.Resolve(new CredentialArguments { Profile = ProfileDirectory.Path }, Cli.Lookup(environment));

        AssertOwnMerchant(options);
    }

    [Test]
    public void Flags_win_over_theProfileDirectory_and_the_environment()
    {
        var other = SimulatorProfile.LoadOrCreate(_other.Path);
        var (id, path) = other.CertificatePaths.First();

        var options = Credentials.Resolve(new CredentialArguments
        {
            Profile = ProfileDirectory.Path,
            MchId = "1900000109",
            Serial = "FLAGSERIAL",
            PrivateKey = other.PrivateKeyPath,
            Certs = [$"{id}={path}"],
            BaseUri = "http://127.0.0.1:1/",
        }, Cli.Lookup(OtherMerchantsEnvironment()));

        Assert.Multiple(() =>
        {
            Assert.That(options.MchId, Is.EqualTo("1900000109"));
            Assert.That(options.Serial, Is.EqualTo("FLAGSERIAL"));
            Assert.That(options.PrivateKey, Is.EqualTo("file://" + other.PrivateKeyPath));
            Assert.That(options.Certs.Keys, Is.EquivalentTo(new[] { id }), "--cert replaces the profile's certs rather than mixing with them");
            Assert.That(options.BaseUri, Is.EqualTo(new Uri("http://127.0.0.1:1/")));
        });
    }

    [Test]
    public void The_environment_fills_every_setting_when_there_is_noProfileDirectory_or_flag()
    {
        var options = Credentials.Resolve(new CredentialArguments(), Cli.Lookup(OwnEnvironment()));

        AssertOwnMerchant(options);
    }

    [Test]
    public async Task Certificates_with_aProfileDirectory_ignore_another_merchants_environment()
    {
        using var output = new TempDir();

        var (code, stdout, error) = await Cli.RunAsync(["certificates", "--profile", ProfileDirectory.Path, "--out", output.Path], OtherMerchantsEnvironment());

        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(stdout, Does.Contain($"platform certificate {Keys.PlatformCertificateSerial}"));
    }

    [Test]
    public async Task Credentials_from_environment_variables_alone_call_theSimulator()
    {
        using var output = new TempDir();

        var call = await Cli.RunAsync(["get", "v3/certificates"], OwnEnvironment());
        var certificates = await Cli.RunAsync(["certificates", "--out", output.Path], OwnEnvironment());

        Assert.That(call.Code, Is.EqualTo(0), call.Err);
        Assert.That((string?)JObject.Parse(call.Out)["data"]![0]!["serial_no"], Is.EqualTo(Keys.PlatformCertificateSerial));
        Assert.That(certificates.Code, Is.EqualTo(0), certificates.Err);
        Assert.That(File.Exists(Path.Combine(output.Path, $"wechatpay_{Keys.PlatformCertificateSerial}.pem")), Is.True);
    }

    [Test]
    public async Task A_base_uri_flag_wins_over_theProfileDirectory()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, _, error) = await Cli.RunAsync(["get", "v3/certificates", "--profile", ProfileDirectory.Path, "--base-uri", $"http://127.0.0.1:{port}/"]);

        Assert.That(code, Is.EqualTo(3), error);
        Assert.That(error, Does.Contain($"127.0.0.1:{port}").Or.Contain("refused"));
    }

    /// <summary>Every setting is the simulator merchant's own, from its profile.</summary>
    private void AssertOwnMerchant(ClientOptions options) => Assert.Multiple(() =>
    {
        Assert.That(options.MchId, Is.EqualTo(Keys.MchId));
        Assert.That(options.Serial, Is.EqualTo(Keys.MerchantSerial));
        Assert.That(options.PrivateKey, Is.EqualTo("file://" + Keys.PrivateKeyPath));
        Assert.That(options.Certs.Keys, Is.EquivalentTo(Keys.CertificatePaths.Keys));
        Assert.That(options.ApiV3Key, Is.EqualTo(Keys.ApiV3Key));
        Assert.That(options.BaseUri, Is.EqualTo(Simulator.BaseUri));
    });
}
