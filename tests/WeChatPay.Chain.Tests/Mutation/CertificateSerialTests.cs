namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// <see cref="Rsa.CertificateSerial"/> drops only the <c>00</c> byte DER puts before a serial whose high bit is set:
/// WeChat Pay's <c>Wechatpay-Serial</c> is matched against it, so any other digit dropped would file a key under a wrong id.
/// </summary>
public class CertificateSerialTests
{
    [TestCase("10AB3C4D5E6F", "10AB3C4D5E6F", TestName = "A serial whose first byte ends in 0 keeps it (10AB…)")]
    [TestCase("0A1B2C3D", "0A1B2C3D", TestName = "A serial whose first byte starts with 0 keeps it (0A1B…)")]
    [TestCase("008F2C3D", "8F2C3D", TestName = "The 00 DER adds before a high bit is dropped (008F…)")]
    [TestCase("7F00", "7F00", TestName = "A 00 byte at the end stays (7F00)")]
    [TestCase("40", "40", TestName = "A one-byte serial stays (40)")]
    [TestCase("00", "00", TestName = "A serial that is only 00 stays 00")]
    [TestCase("00FF", "FF", TestName = "A one-byte serial with its sign byte becomes that byte (00FF)")]
    public void Only_the_der_sign_byte_is_dropped(string der, string expected)
    {
        using var certificate = TestCertificates.Make(der);
        Assert.That(certificate.SerialNumber, Is.EqualTo(der), "the certificate carries exactly these serial bytes");
        Assert.That(Rsa.CertificateSerial(certificate), Is.EqualTo(expected));
    }

    [Test]
    public void A_certificate_is_accepted_in_certs_under_its_serial_that_starts_10()
    {
        using var certificate = TestCertificates.Make("10AB3C4D5E6F");
        var keys = PlatformKeys.Load([new("10AB3C4D5E6F", certificate)], Support.Fixtures.MerchantSerial);
        Assert.That(keys.Ids, Is.EqualTo(new[] { "10AB3C4D5E6F" }));
    }
}
