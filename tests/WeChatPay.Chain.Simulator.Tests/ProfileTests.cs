using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ProfileTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private JsonObject ProfileJson() => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(_directory.Path, "profile.json")))!;

    [Test]
    public void LoadOrCreate_generates_a_profile_in_a_missing_directory()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var json = ProfileJson();
        Assert.Multiple(() =>
        {
            Assert.That(json["mchid"]!.GetValue<string>(), Does.Match("^19[0-9]{8}$"));
            Assert.That(json["serial"]!.GetValue<string>(), Does.Match("^[0-9A-F]{40}$"));
            Assert.That(json["apiV3Key"]!.GetValue<string>(), Does.Match("^[0-9A-Za-z]{32}$"));
            Assert.That(json["privateKey"]!.GetValue<string>(), Is.EqualTo("apiclient_key.pem"), "paths are relative to the profile directory");
            Assert.That(((JsonObject)json["certs"]!).Select(pair => pair.Key), Is.EquivalentTo(new[] { profile.PlatformCertificateSerial, profile.PublicKeyId }));
            Assert.That(profile.PublicKeyId, Does.Match("^PUB_KEY_ID_[0-9]+$"));
            Assert.That(profile.MchId, Is.EqualTo(json["mchid"]!.GetValue<string>()));
            Assert.That(profile.BaseUri, Is.Null);
        });
    }

    [Test]
    public void LoadOrCreate_generates_into_an_existing_empty_directory()
    {
        Directory.CreateDirectory(_directory.Path);

        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        Assert.That(File.Exists(profile.ProfilePath), Is.True);
    }

    [Test]
    public void Merchant_serial_is_the_serial_of_the_merchant_certificate_and_the_key_belongs_to_it()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(profile.MerchantCertificatePath));
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(profile.PrivateKeyPath));
        var message = Encoding.UTF8.GetBytes("probe");
        var signature = key.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.Multiple(() =>
        {
            Assert.That(certificate.SerialNumber.TrimStart('0'), Is.EqualTo(profile.MerchantSerial.TrimStart('0')));
            Assert.That(key.KeySize, Is.EqualTo(2048));
            Assert.That(certificate.GetRSAPublicKey()!.VerifyData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
        });
    }

    [Test]
    public void Platform_certificate_and_public_key_file_hold_the_same_key()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(profile.CertificatePaths[profile.PlatformCertificateSerial]));
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(File.ReadAllText(profile.CertificatePaths[profile.PublicKeyId]));
        Assert.That(publicKey.ExportParameters(false).Modulus, Is.EqualTo(certificate.GetRSAPublicKey()!.ExportParameters(false).Modulus));
        Assert.That(certificate.SerialNumber.TrimStart('0'), Is.EqualTo(profile.PlatformCertificateSerial.TrimStart('0')));
    }

    [Test]
    public void Client_facing_files_hold_no_platform_private_key()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var text = File.ReadAllText(profile.ProfilePath);
        Assert.That(text, Does.Not.Contain("simulator/"));
        foreach (var path in profile.CertificatePaths.Values)
            Assert.That(File.ReadAllText(path), Does.Not.Contain("PRIVATE KEY"), path);
        Assert.That(File.ReadAllText(Path.Combine(_directory.Path, "simulator", "platform_key.pem")), Does.Contain("PRIVATE KEY"));
    }

    [Test]
    public void LoadOrCreate_reuses_an_existing_profile_unchanged()
    {
        var first = SimulatorProfile.LoadOrCreate(_directory.Path);
        var keyBefore = File.ReadAllText(first.PrivateKeyPath);

        var second = SimulatorProfile.LoadOrCreate(_directory.Path);

        Assert.Multiple(() =>
        {
            Assert.That(second.MchId, Is.EqualTo(first.MchId));
            Assert.That(second.MerchantSerial, Is.EqualTo(first.MerchantSerial));
            Assert.That(second.PlatformCertificateSerial, Is.EqualTo(first.PlatformCertificateSerial));
            Assert.That(second.ApiV3Key, Is.EqualTo(first.ApiV3Key));
            Assert.That(File.ReadAllText(second.PrivateKeyPath), Is.EqualTo(keyBefore));
        });
    }

    [Test]
    public void A_moved_profile_directory_still_loads_because_paths_are_relative()
    {
        var original = SimulatorProfile.LoadOrCreate(_directory.Path);
        using var moved = new TempDirectory();
        Directory.Move(_directory.Path, moved.Path);

        var loaded = SimulatorProfile.Load(moved.Path);

        Assert.Multiple(() =>
        {
            Assert.That(loaded.MchId, Is.EqualTo(original.MchId));
            Assert.That(loaded.PrivateKeyPath, Does.StartWith(moved.Path));
        });
    }

    [Test]
    public void Load_refuses_a_directory_without_a_profile()
    {
        Directory.CreateDirectory(_directory.Path);
        File.WriteAllText(Path.Combine(_directory.Path, "notes.txt"), "not a profile");

        Assert.Multiple(() =>
        {
            Assert.That(() => SimulatorProfile.Load(_directory.Path), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("profile.json"));
            Assert.That(() => SimulatorProfile.LoadOrCreate(_directory.Path), Throws.InstanceOf<ConfigurationException>(), "a non-empty directory is never overwritten");
        });
    }

    [Test]
    public void Load_refuses_a_serial_that_is_not_the_certificate_serial()
    {
        SimulatorProfile.LoadOrCreate(_directory.Path);
        var json = ProfileJson();
        json["serial"] = "0123456789ABCDEF0123456789ABCDEF01234567";
        File.WriteAllText(Path.Combine(_directory.Path, "profile.json"), json.ToJsonString());

        Assert.That(() => SimulatorProfile.Load(_directory.Path), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("serial"));
    }

    [Test]
    public void Load_reports_a_missing_key_file_as_a_configuration_error()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);
        File.Delete(profile.PlatformCertificatePath);

        Assert.That(() => SimulatorProfile.Load(_directory.Path), Throws.InstanceOf<ConfigurationException>());
    }

    [Test]
    public void ToString_leaves_out_the_APIv3_key()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        Assert.That(profile.ToString(), Does.Not.Contain(profile.ApiV3Key).And.Contain(profile.MchId));
    }

    [Test]
    public void ToClientOptions_needs_a_base_uri()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        Assert.That(() => profile.ToClientOptions(), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("baseUri"));
    }

    [Test]
    public void ToClientOptions_gives_file_paths_the_library_loads()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var options = profile.ToClientOptions(new Uri("http://127.0.0.1:9/"));

        Assert.Multiple(() =>
        {
            Assert.That(options.MchId, Is.EqualTo(profile.MchId));
            Assert.That(options.Serial, Is.EqualTo(profile.MerchantSerial));
            Assert.That(options.PrivateKey, Is.EqualTo("file://" + profile.PrivateKeyPath));
            Assert.That(options.BaseUri, Is.EqualTo(new Uri("http://127.0.0.1:9/")));
            Assert.That(() => Rsa.LoadPrivateKey(options.PrivateKey), Throws.Nothing);
            Assert.That(PlatformKeys.Load(options.Certs, options.Serial).Keys, Is.EquivalentTo(new[] { profile.PlatformCertificateSerial, profile.PublicKeyId }));
        });
    }

    [Test]
    public async Task Starting_a_server_records_its_base_uri_in_the_profile()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = _directory.Path });

        Assert.Multiple(() =>
        {
            Assert.That(server.BaseUri.ToString(), Does.Match(@"^http://127\.0\.0\.1:[0-9]+/$"));
            Assert.That(server.Profile.BaseUri, Is.EqualTo(server.BaseUri));
            Assert.That(ProfileJson()["baseUri"]!.GetValue<string>(), Is.EqualTo(server.BaseUri.ToString()));
            Assert.That(SimulatorProfile.Load(_directory.Path).ToClientOptions().BaseUri, Is.EqualTo(server.BaseUri));
        });
    }
}
