using System.Text;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests.ShangMi;

/// <summary>
/// The 国密 half of a profile: SM2 keys and SM2-with-SM3 certificates that OpenSSL reads, a client made from them, and
/// older profiles gaining them without losing anything.
/// </summary>
public sealed class Sm2ProfileTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = new TempDirectory();

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private string ProfileJsonPath => Path.Combine(_directory.Path, "profile.json");

    private string ServerJsonPath => Path.Combine(_directory.Path, "simulator", "server.json");

    [Test]
    public void The_sm2_certificates_are_sm2_with_sm3_under_their_serials_as_openssl_reads_them()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        foreach (var (path, serial) in new[] { (profile.Sm2MerchantCertificatePath, profile.Sm2MerchantSerial), (profile.Sm2PlatformCertificatePath, profile.Sm2PlatformCertificateSerial) })
        {
            var text = Encoding.ASCII.GetString(OpenSsl.Run([], "x509", "-in", path, "-noout", "-text", "-serial"));
            Assert.Multiple(() =>
            {
                Assert.That(text, Does.Contain("Signature Algorithm: SM2-with-SM3"), path);
                Assert.That(text, Does.Contain("ASN1 OID: SM2"), path);
                Assert.That(text, Does.Contain("serial=" + serial), path);
            });
        }
        Assert.That(profile.Sm2PlatformCertificateSerial, Does.Match("^[0-9A-F]{32}$"));
        Assert.That(profile.Sm2MerchantSerial, Is.Not.EqualTo(profile.MerchantSerial));
    }

    [Test]
    public void The_merchant_sm2_key_is_pkcs8_and_signs_what_openssl_verifies_with_the_merchant_sm2_certificate()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);
        var message = Encoding.UTF8.GetBytes("GET\n/v3/certificates\n1700000000\nnonce\n\n");

        var signature = Sm2.Sign(Sm2.LoadPrivateKey(File.ReadAllText(profile.Sm2PrivateKeyPath)), message);

        Assert.That(File.ReadAllText(profile.Sm2PrivateKeyPath), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        Assert.That(OpenSslSm2.Verifies(profile.Sm2MerchantCertificatePath, message, signature), Is.True);
    }

    [Test]
    public void Sm2_client_options_name_the_sm2_serial_key_and_platform_certificate_and_no_merchant_certificate()
    {
        var profile = SimulatorProfile.LoadOrCreate(_directory.Path);

        var options = profile.ToClientOptions(new Uri("http://127.0.0.1:9/"), SignatureScheme.Sm2WithSm3);

        Assert.Multiple(() =>
        {
            Assert.That(options.Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
            Assert.That(options.Serial, Is.EqualTo(profile.Sm2MerchantSerial));
            Assert.That(options.PrivateKey, Is.EqualTo("file://" + profile.Sm2PrivateKeyPath));
            Assert.That(options.Certs.Keys, Is.EquivalentTo(new[] { profile.Sm2PlatformCertificateSerial }));
            Assert.That(options.MerchantCertificate, Is.Null);
            Assert.That(() => new WeChatPayClient(options).Dispose(), Throws.Nothing);
            Assert.That(profile.ToClientOptions(new Uri("http://127.0.0.1:9/")).Serial, Is.EqualTo(profile.MerchantSerial), "RSA stays the default");
        });
    }

    [Test]
    public void A_profile_made_before_sm2_gains_sm2_keys_once_and_keeps_everything_else()
    {
        var first = SimulatorProfile.LoadOrCreate(_directory.Path);
        var profile = JsonNode.Parse(File.ReadAllText(ProfileJsonPath))!.AsObject();
        var server = JsonNode.Parse(File.ReadAllText(ServerJsonPath))!.AsObject();
        profile.Remove("sm2");
        server.Remove("sm2");
        File.WriteAllText(ProfileJsonPath, profile.ToJsonString());
        File.WriteAllText(ServerJsonPath, server.ToJsonString());
        var before = profile.ToJsonString();

        var upgraded = SimulatorProfile.Load(_directory.Path);

        var after = JsonNode.Parse(File.ReadAllText(ProfileJsonPath))!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(upgraded.Sm2MerchantSerial, Does.Match("^[0-9A-F]{32}$"));
            Assert.That(upgraded.Sm2MerchantSerial, Is.Not.EqualTo(first.Sm2MerchantSerial), "new SM2 keys");
            Assert.That(after["sm2"]!["serial"]!.GetValue<string>(), Is.EqualTo(upgraded.Sm2MerchantSerial));
            Assert.That(SimulatorProfile.Load(_directory.Path).Sm2MerchantSerial, Is.EqualTo(upgraded.Sm2MerchantSerial), "generated once");
            foreach (var (name, value) in JsonNode.Parse(before)!.AsObject())
                Assert.That(after[name]?.ToJsonString(), Is.EqualTo(value?.ToJsonString()), name + " is kept");
            Assert.That(upgraded.MerchantSerial, Is.EqualTo(first.MerchantSerial));
        });
    }

    [Test]
    public void An_sm2_key_that_does_not_belong_to_its_certificate_is_refused()
    {
        SimulatorProfile.LoadOrCreate(_directory.Path);
        var profile = JsonNode.Parse(File.ReadAllText(ProfileJsonPath))!.AsObject();
        profile["sm2"]!["privateKey"] = "simulator/platform_sm2_key.pem";
        File.WriteAllText(ProfileJsonPath, profile.ToJsonString());

        var e = Assert.Throws<ConfigurationException>(() => SimulatorProfile.Load(_directory.Path))!;

        Assert.That(e.Message, Does.Contain("sm2.privateKey (platform_sm2_key.pem) does not belong to apiclient_sm2_cert.pem"));
        Assert.That(e.Message, Does.Not.Contain("PRIVATE KEY"));
    }
}
