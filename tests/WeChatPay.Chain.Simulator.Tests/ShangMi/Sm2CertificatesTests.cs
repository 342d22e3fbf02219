using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests.ShangMi;

/// <summary><c>GET /v3/certificates</c> by <c>algorithm_type</c>, and the library's downloader in 国密.</summary>
public sealed class Sm2CertificatesTests : SimulatorTest
{
    [Test]
    public async Task Algorithm_type_sm2_hands_out_the_sm2_certificate_encrypted_with_sm4_gcm()
    {
        var answer = await Merchant.GetAsync("/v3/certificates?algorithm_type=SM2");

        var entry = answer.Json["data"]!.AsArray().Single()!;
        var encrypted = entry["encrypt_certificate"]!;
        var pem = new AeadSm4Gcm(Server.Profile.ApiV3Key).Decrypt(encrypted["nonce"]!.GetValue<string>(), encrypted["associated_data"]!.GetValue<string>(), encrypted["ciphertext"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(entry["serial_no"]!.GetValue<string>(), Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial));
            Assert.That(encrypted["algorithm"]!.GetValue<string>(), Is.EqualTo("AEAD_SM4_GCM"));
            Assert.That(pem, Is.EqualTo(File.ReadAllText(Server.Profile.Sm2PlatformCertificatePath)));
            Assert.That(entry["expire_time"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$"));
        });
    }

    [TestCase("", new[] { "AEAD_AES_256_GCM" })]
    [TestCase("?algorithm_type=RSA", new[] { "AEAD_AES_256_GCM" })]
    [TestCase("?algorithm_type=ALL", new[] { "AEAD_AES_256_GCM", "AEAD_SM4_GCM" })]
    public async Task Algorithm_type_chooses_the_set(string query, string[] algorithms)
    {
        var answer = await Merchant.GetAsync("/v3/certificates" + query);

        Assert.That(answer.Json["data"]!.AsArray().Select(entry => entry!["encrypt_certificate"]!["algorithm"]!.GetValue<string>()), Is.EqualTo(algorithms));
    }

    [Test]
    public async Task An_unknown_algorithm_type_is_a_param_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates?algorithm_type=ECDSA");

        Assert.That((int)answer.Status, Is.EqualTo(400));
        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(answer.Text, Does.Contain("RSA, SM2 or ALL"));
    }

    [Test]
    public async Task The_downloader_of_an_sm2_merchant_gets_and_verifies_the_sm2_certificate()
    {
        var options = Server.Profile.ToClientOptions(scheme: SignatureScheme.Sm2WithSm3);
        options.Certs.Clear();
        using var downloader = new PlatformCertificateDownloader(options);

        var certificate = (await downloader.DownloadAsync()).Single();

        Assert.That(certificate.Serial, Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial));
        Assert.That(certificate.Pem, Is.EqualTo(File.ReadAllText(Server.Profile.Sm2PlatformCertificatePath)));
    }
}
