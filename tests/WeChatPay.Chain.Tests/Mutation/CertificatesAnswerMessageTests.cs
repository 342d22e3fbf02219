using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The whole message of each refusal of a <c>GET /v3/certificates</c> answer, which names the call, the certificate and
/// what to do; the success statuses at both ends of 2xx; and an <c>associated_data</c> given as JSON null.
/// </summary>
public class CertificatesAnswerMessageTests
{
    private const string ApiV3Key = CertificatesAnswers.ApiV3Key;
    private const string Call = "GET /v3/certificates -> HTTP 200 (Request-ID 08F78BB5AF0610A8A9A8BC0518F0EACE)";
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler();

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private static JObject PlatformEntry() => CertificatesAnswers.Entry(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"));

    private PlatformCertificateDownloader Downloader(string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _stub.Respond = _ => StubHandler.Signed(status, body);
        var options = Fixtures.Options(_stub);
        options.ApiV3Key = ApiV3Key;
        return new PlatformCertificateDownloader(options);
    }

    private string Refusal(string body)
    {
        using var downloader = Downloader(body);
        return Assert.Throws<ResponseFormatException>(() => downloader.Download())!.Message;
    }

    [Test]
    public void An_answer_whose_certificates_are_all_outside_their_periods_lists_each_and_points_at_the_clock()
    {
        using var first = TestCertificates.Make("5C01", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var second = TestCertificates.Make("5C02", new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var message = Refusal(CertificatesAnswers.Of(CertificatesAnswers.Entry("5C01", TestCertificates.Pem(first)), CertificatesAnswers.Entry("5C02", TestCertificates.Pem(second))));

        Assert.That(message, Does.Match(
            "^" + Escaped(Call) + ": no certificate it lists is valid now: " +
            "certificate 5C01 has expired: it is valid from 2018-01-01 00:00:00 UTC to 2020-01-01 00:00:00 UTC, and it is [0-9: -]+ UTC now; " +
            "certificate 5C02 has expired: it is valid from 2019-01-01 00:00:00 UTC to 2021-01-01 00:00:00 UTC, and it is [0-9: -]+ UTC now\\. " +
            "The platform certificates must be current; if they are, check this machine's clock\\.$"));
    }

    [Test]
    public void A_certificate_in_an_unknown_algorithm_names_it_and_the_ones_known()
    {
        var entry = PlatformEntry();
        entry["encrypt_certificate"]!["algorithm"] = "AEAD_CHACHA20_POLY1305";

        Assert.That(Refusal(CertificatesAnswers.Of(entry)), Is.EqualTo(
            $"{Call}: certificate {Fixtures.PlatformSerial} is encrypted with AEAD_CHACHA20_POLY1305; only AEAD_AES_256_GCM and AEAD_SM4_GCM are known."));
    }

    [Test]
    public void A_certificate_listed_under_another_serial_names_both()
        => Assert.That(Refusal(CertificatesAnswers.Of(CertificatesAnswers.Entry("5C0F", Fixtures.Text("platform_cert.pem")))), Is.EqualTo(
            $"{Call}: the certificate listed as 5C0F has the serial {Fixtures.PlatformSerial}."));

    [TestCase("effective_time")]
    [TestCase("expire_time")]
    public void A_date_that_is_not_a_date_is_named_with_its_certificate(string field)
    {
        var entry = PlatformEntry();
        entry[field] = "tomorrow";

        Assert.That(Refusal(CertificatesAnswers.Of(entry)), Is.EqualTo(
            $"The certificates answer's certificate {Fixtures.PlatformSerial} has an {field} that is not a date."));
    }

    [Test]
    public void The_shape_refusals_name_the_call_the_entry_and_the_field()
    {
        var noSerial = PlatformEntry();
        noSerial.Remove("serial_no");
        var noEncrypted = PlatformEntry();
        noEncrypted.Remove("encrypt_certificate");
        var badAssociatedData = PlatformEntry();
        badAssociatedData["encrypt_certificate"]!["associated_data"] = 5;
        var notPem = PlatformEntry();
        notPem["encrypt_certificate"]!["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", "MIIB");

        Assert.Multiple(() =>
        {
            Assert.That(Refusal("{\"data\":1}"), Is.EqualTo($"{Call} is not a JSON object with a data array of certificates."));
            Assert.That(Refusal("{\"data\":[true]}"), Is.EqualTo($"{Call}: data[0] is a boolean, not a certificate object."));
            Assert.That(Refusal(CertificatesAnswers.Of(noSerial)), Is.EqualTo("The certificates answer's data[0] has no string 'serial_no'."));
            Assert.That(Refusal(CertificatesAnswers.Of(noEncrypted)), Is.EqualTo($"{Call}: certificate {Fixtures.PlatformSerial} has no encrypt_certificate object."));
            Assert.That(Refusal(CertificatesAnswers.Of(badAssociatedData)), Is.EqualTo(
                $"{Call}: certificate {Fixtures.PlatformSerial}'s encrypt_certificate.associated_data is a integer, not a string."));
            Assert.That(Refusal(CertificatesAnswers.Of(notPem)), Is.EqualTo($"{Call}: certificate {Fixtures.PlatformSerial} does not decrypt to a PEM certificate."));
        });
    }

    [Test]
    public void A_damaged_delivered_certificate_is_the_answers_fault_with_the_loaders_reason()
    {
        var damaged = PlatformEntry();
        damaged["encrypt_certificate"]!["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        using var downloader = Downloader(CertificatesAnswers.Of(damaged));
        var e = Assert.Throws<ResponseFormatException>(() => downloader.Download())!;

        Assert.That(e.InnerException, Is.TypeOf<ConfigurationException>());
        Assert.That(e.Message, Is.EqualTo($"{Call}: certificate {Fixtures.PlatformSerial} is not a usable certificate: {e.InnerException!.Message}"));
        Assert.That(e.InnerException.Message, Does.Contain($"platform certificate {Fixtures.PlatformSerial}"));
    }

    [Test]
    public void An_associated_data_of_json_null_is_the_empty_associated_data()
    {
        using var downloader = Downloader(CertificatesAnswers.Of(CertificatesAnswers.Entry(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"), associatedData: null)));

        Assert.That(downloader.Download().Single().Serial, Is.EqualTo(Fixtures.PlatformSerial));
    }

    [Test]
    public void An_answer_listing_no_certificates_is_an_empty_list_not_an_error()
    {
        using var downloader = Downloader("{\"data\":[]}");

        Assert.That(downloader.Download(), Is.Empty);
    }

    [Test]
    public void A_delivered_certificate_of_a_key_neither_rsa_nor_sm2_is_refused_naming_it()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=P-256", p256, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var serial = Rsa.CertificateSerial(certificate);

        using var downloader = Downloader(CertificatesAnswers.Of(CertificatesAnswers.Entry(serial, certificate.ExportCertificatePem())));
        var e = Assert.Throws<ResponseFormatException>(() => downloader.Download())!;

        Assert.That(e.Message, Does.StartWith($"{Call}: certificate {serial} is not a usable certificate: platform certificate {serial} "));
        Assert.That(e.Message, Does.EndWith("holds an EC public key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys."));
    }

    [TestCase(200)]
    [TestCase(299)]
    public void Every_2xx_answer_is_read_as_the_certificates(int status)
    {
        using var downloader = Downloader(CertificatesAnswers.Of(PlatformEntry()), (HttpStatusCode)status);

        Assert.That(downloader.Download().Single().Serial, Is.EqualTo(Fixtures.PlatformSerial));
    }

    [TestCase(199)]
    [TestCase(300)]
    public void An_answer_outside_2xx_is_an_api_error_even_with_a_certificate_list(int status)
    {
        using var downloader = Downloader(CertificatesAnswers.Of(PlatformEntry()), (HttpStatusCode)status);

        Assert.That(Assert.Throws<ApiException>(() => downloader.Download())!.Response.Status, Is.EqualTo(status));
    }

    private static string Escaped(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
