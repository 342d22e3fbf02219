using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class CertificatesTests : SimulatorTest
{
    [Test]
    public async Task Certificates_lists_the_platform_certificate_encrypted_with_the_apiv3_key()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        var entry = answer.Json["data"]!.AsArray().Single()!;
        var encrypted = entry["encrypt_certificate"]!;
        var pem = new AeadAesGcm(Server.Profile.ApiV3Key).Decrypt(encrypted["nonce"]!.GetValue<string>(),
            encrypted["associated_data"]!.GetValue<string>(), encrypted["ciphertext"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(entry["serial_no"]!.GetValue<string>(), Is.EqualTo(Server.Profile.PlatformCertificateSerial));
            Assert.That(encrypted["algorithm"]!.GetValue<string>(), Is.EqualTo("AEAD_AES_256_GCM"));
            Assert.That(encrypted["associated_data"]!.GetValue<string>(), Is.EqualTo("certificate"));
            Assert.That(pem, Is.EqualTo(File.ReadAllText(Server.Profile.PlatformCertificatePath)));
            Assert.That(Rsa.CertificateSerial(Rsa.LoadCertificate(pem)), Is.EqualTo(Server.Profile.PlatformCertificateSerial));
            Assert.That(entry["effective_time"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$"));
            Assert.That(entry["expire_time"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$"));
        });
    }

    [Test]
    public async Task The_certificate_ciphertext_decrypts_with_the_bcl_aes_gcm_directly()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        var encrypted = answer.Json["data"]![0]!["encrypt_certificate"]!;
        var data = Convert.FromBase64String(encrypted["ciphertext"]!.GetValue<string>());
        var plain = new byte[data.Length - 16];
        using var aes = new AesGcm(Encoding.ASCII.GetBytes(Server.Profile.ApiV3Key), 16);
        aes.Decrypt(Encoding.ASCII.GetBytes(encrypted["nonce"]!.GetValue<string>()), data.AsSpan(0, plain.Length), data.AsSpan(plain.Length), plain, Encoding.ASCII.GetBytes("certificate"));
        Assert.That(Encoding.UTF8.GetString(plain), Does.StartWith("-----BEGIN CERTIFICATE-----"));
    }
}
