using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>The profile's APIv2 side: its APIv2 key, the HTTPS certificate, client options, and profiles made before them.</summary>
public sealed class ApiV2ProfileTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private string ProfileJsonPath => Path.Combine(_directory.Path, "profile.json");

    private JsonObject ProfileJson() => (JsonObject)JsonNode.Parse(File.ReadAllText(ProfileJsonPath))!;

    /// <summary>A profile as the simulator made it before APIv2 and HTTPS: no apiV2Key, no TLS files.</summary>
    private void MakeOldProfile()
    {
        SimulatorProfile.LoadOrCreate(_directory.Path);
        var json = ProfileJson();
        json.Remove("apiV2Key");
        File.WriteAllText(ProfileJsonPath, json.ToJsonString());
        File.Delete(Path.Combine(_directory.Path, "simulator", "tls_cert.pem"));
        File.Delete(Path.Combine(_directory.Path, "simulator", "tls_key.pem"));
    }

    [Test]
    public void A_new_profile_has_an_APIv2_key_of_32_letters_and_digits_saved_as_apiV2Key()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);
        using var other = new TempDirectory();

        Assert.Multiple(() =>
        {
            Assert.That(profile.ApiV2Key, Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(ProfileJson()["apiV2Key"]!.GetValue<string>(), Is.EqualTo(profile.ApiV2Key));
            Assert.That(profile.ApiV2Key, Is.Not.EqualTo(profile.ApiV3Key));
            Assert.That(SimulatorProfile.LoadOrCreate(other.Path).ApiV2Key, Is.Not.EqualTo(profile.ApiV2Key), "random per profile");
            Assert.That(SimulatorProfile.Load(_directory.Path).ApiV2Key, Is.EqualTo(profile.ApiV2Key), "stable across loads");
        });
    }

    [Test]
    public void ToString_leaves_out_the_APIv2_key()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        Assert.That(profile.ToString(), Does.Not.Contain(profile.ApiV2Key));
    }

    [Test]
    public void ToClientOptions_carries_the_APIv2_key_and_the_merchant_certificate_the_client_accepts()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var options = profile.ToClientOptions(new Uri("http://127.0.0.1:9/"));

        Assert.Multiple(() =>
        {
            Assert.That(options.ApiV2Key, Is.EqualTo(profile.ApiV2Key));
            Assert.That(options.MerchantCertificate, Is.EqualTo("file://" + profile.MerchantCertificatePath));
            Assert.That(() => new WeChatPayClient(options).Dispose(), Throws.Nothing, "the certificate belongs to the private key");
        });
    }

    [Test]
    public void A_profile_made_before_APIv2_loads_and_gains_a_key_that_is_saved()
    {
        MakeOldProfile();
        var before = ProfileJson();

        var loaded = SimulatorProfile.Load(_directory.Path);

        var after = ProfileJson();
        Assert.Multiple(() =>
        {
            Assert.That(loaded.ApiV2Key, Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(after["apiV2Key"]!.GetValue<string>(), Is.EqualTo(loaded.ApiV2Key));
            Assert.That(SimulatorProfile.Load(_directory.Path).ApiV2Key, Is.EqualTo(loaded.ApiV2Key), "generated once");
            foreach (var name in new[] { "mchid", "serial", "apiV3Key", "privateKey" })
                Assert.That(after[name]!.ToJsonString(), Is.EqualTo(before[name]!.ToJsonString()), name + " is kept");
            Assert.That(File.Exists(loaded.TlsCertificatePath), Is.True, "the HTTPS certificate is added too");
        });
    }

    [Test]
    public async Task A_server_starts_on_a_profile_made_before_APIv2_and_answers_APIv2_with_the_new_key()
    {
        MakeOldProfile();

        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _directory.Path });
        using var wire = new V2Wire(server);
        var answer = await wire.PostAsync("/pay/orderquery", wire.Fields(("out_trade_no", "none")));

        Assert.That(answer.Field("err_code"), Is.EqualTo("ORDERNOTEXIST"), answer.ToString());
        Assert.That(server.Profile.ApiV2Key, Is.EqualTo(ProfileJson()["apiV2Key"]!.GetValue<string>()));
    }

    [Test]
    public void An_old_profile_that_cannot_be_completed_is_a_configuration_error_that_says_why()
    {
        MakeOldProfile();
        // A directory where the key file goes cannot be written over, whoever runs the test (root included).
        Directory.CreateDirectory(Path.Combine(_directory.Path, "simulator", "tls_key.pem"));

        var e = Assert.Throws<ConfigurationException>(() => SimulatorProfile.Load(_directory.Path))!;

        Assert.That(e.Message, Does.Contain("older simulator").And.Contain("writable"));
    }

    [TestCase("short")]
    [TestCase("0123456789abcdef0123456789abcdef0")]
    [TestCase("0123456789abcdef 123456789abcdef")]
    public void An_APIv2_key_that_is_not_32_printable_characters_is_refused_without_being_shown(string key)
    {
        SimulatorProfile.LoadOrCreate(_directory.Path);
        var json = ProfileJson();
        json["apiV2Key"] = key;
        File.WriteAllText(ProfileJsonPath, json.ToJsonString());

        var e = Assert.Throws<ConfigurationException>(() => SimulatorProfile.Load(_directory.Path))!;

        Assert.That(e.Message, Does.Contain("apiV2Key").And.Not.Contain(key));
    }

    [Test]
    public void The_HTTPS_certificate_names_the_loopback_addresses_and_its_key_stays_with_the_simulator()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var pem = File.ReadAllText(profile.TlsCertificatePath);
        using var certificate = X509Certificate2.CreateFromPem(pem);
        Assert.Multiple(() =>
        {
            Assert.That(pem, Does.Not.Contain("PRIVATE KEY"));
            Assert.That(certificate.MatchesHostname("127.0.0.1"), Is.True);
            Assert.That(certificate.MatchesHostname("localhost"), Is.True);
            Assert.That(certificate.MatchesHostname("example.com"), Is.False);
            Assert.That(profile.TlsCertificatePath, Does.StartWith(Path.Combine(_directory.Path, "simulator")));
            Assert.That(File.ReadAllText(ProfileJsonPath), Does.Not.Contain("tls_"), "profile.json names no simulator file");
            Assert.That(File.ReadAllText(Path.Combine(_directory.Path, "simulator", "tls_key.pem")), Does.Contain("PRIVATE KEY"));
        });
    }

    [Test]
    public void Starting_HTTPS_with_a_key_that_is_not_the_certificates_is_a_configuration_error()
    {
        SimulatorProfile.LoadOrCreate(_directory.Path);
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(_directory.Path, "simulator", "tls_key.pem"), otherKey.ExportPkcs8PrivateKeyPem());

        Assert.That(async () => await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _directory.Path, Https = true }),
            Throws.InstanceOf<ConfigurationException>().With.Message.Contains("tls_cert.pem").And.Message.Contains("delete both files"));
    }

    [Test]
    public void The_HTTPS_certificate_validates_for_127_0_0_1_when_it_alone_is_trusted()
    {
        // What a client that trusts exactly this certificate (rather than accepting anything) will check.
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(profile.TlsCertificatePath));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));

        Assert.That(chain.Build(certificate), Is.True, string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
        Assert.That(certificate.MatchesHostname(IPAddress.Loopback.ToString()), Is.True);
    }
}
