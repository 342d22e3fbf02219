using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The edges of the Certificates layer: a certificate is valid through the first and last second of its period, an
/// empty <c>Certs</c> id and encrypting before any key is known are refused with what to do.
/// </summary>
public class CertificateEdgeTests
{
    private static readonly DateTimeOffset From = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_certificate_is_valid_from_its_first_second_through_its_last()
    {
        using var certificate = TestCertificates.Make("01", Until, notBefore: From);
        Assert.Multiple(() =>
        {
            Assert.That(CertificateValidity.Describe(certificate, From), Is.Null);
            Assert.That(CertificateValidity.Describe(certificate, Until), Is.Null);
            Assert.That(CertificateValidity.Describe(certificate, From.AddSeconds(-1)), Does.StartWith("is not valid yet: it is valid from 2030-01-01 00:00:00 UTC to 2031-01-01 00:00:00 UTC, and it is 2029-12-31 23:59:59 UTC now"));
            Assert.That(CertificateValidity.Describe(certificate, Until.AddSeconds(1)), Does.StartWith("has expired: it is valid from 2030-01-01 00:00:00 UTC"));
        });
    }

    [TestCase("")]
    [TestCase("  ")]
    public void An_empty_certs_id_is_refused_with_what_to_key_it_by(string id)
        => Assert.That(() => PlatformKeys.Load([new(id, Fixtures.Text("platform_cert.pem"))], Fixtures.MerchantSerial), Throws.TypeOf<ConfigurationException>().With.Message.EqualTo(
            "Certs has an empty serial. Key each entry by the platform certificate serial or the PUB_KEY_ID_… id."));

    [Test]
    public void Encrypting_before_any_key_is_known_says_how_to_get_one()
    {
        var keys = PlatformKeys.Load([], Fixtures.MerchantSerial, allowEmpty: true);
        Assert.That(() => keys.EncryptionKeyId, Throws.TypeOf<ConfigurationException>().With.Message.EqualTo(
            "No WeChat Pay key is known yet to encrypt with: add one to Certs, or make a call first so the platform certificates are downloaded."));
        Assert.That(() => keys.EncryptionKey(), Throws.TypeOf<ConfigurationException>());
    }
}
