using System.Net;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class PlatformCertificateTests
{
    private const string ApiV3Key = CertificatesAnswers.ApiV3Key;
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler();

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private static string CertificatesBody(string key = ApiV3Key)
        => CertificatesAnswers.Of(CertificatesAnswers.Entry(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"), key));

    private ClientOptions Options(bool withCerts)
    {
        var options = Fixtures.Options(_stub);
        options.ApiV3Key = ApiV3Key;
        if (!withCerts) options.Certs.Clear();
        return options;
    }

    [Test]
    public void A_downloader_refuses_the_merchants_own_public_key_in_certs_as_the_client_does()
    {
        var options = Options(withCerts: false);
        options.Certs["PUB_KEY_ID_0119000000012025000100000002"] = Fixtures.MerchantKey.Value.ExportSubjectPublicKeyInfoPem();

        var e = Assert.Throws<ConfigurationException>(() => new PlatformCertificateDownloader(options).Dispose())!;

        Assert.That(e.Message, Does.Contain("holds the merchant's own public key"));
        Assert.That(_stub.Seen, Is.Empty, "nothing was sent");
    }

    [Test]
    public async Task The_first_download_verifies_with_the_certificate_it_delivers()
    {
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, CertificatesBody());
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        var certificates = await downloader.DownloadAsync();
        Assert.That(certificates.Select(c => c.Serial), Is.EqualTo(new[] { Fixtures.PlatformSerial }));
        Assert.That(certificates[0].Pem, Is.EqualTo(Fixtures.Text("platform_cert.pem")));
        Assert.That(certificates[0].ExpireTime, Is.EqualTo(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))));
        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/certificates"));
        Assert.That(downloader.Download(), Has.Count.EqualTo(1), "the synchronous form too");
    }

    [Test]
    public async Task A_response_not_signed_by_any_delivered_or_known_certificate_is_rejected()
    {
        _stub.Respond = _ =>
        {
            var response = StubHandler.Signed(HttpStatusCode.OK, CertificatesBody());
            response.Content = new StringContent(CertificatesBody().Replace("2031", "2032"));
            return response;
        };
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => downloader.DownloadAsync()))!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public async Task A_wrong_apiv3_key_is_a_decryption_error()
    {
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, CertificatesBody("ffffffffffffffffffffffffffffffff"));
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        await Assert.ThrowsAsync<DecryptionException>(() => downloader.DownloadAsync());
    }

    [Test]
    public async Task Public_key_mode_is_reported_clearly()
    {
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.NotFound, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书\"}");
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        var e = (await Assert.ThrowsAsync<NoPlatformCertificatesException>(() => downloader.DownloadAsync()))!;
        Assert.That(e.Message, Does.Contain("public key mode").And.Contain("PUB_KEY_ID_"));
        Assert.That(e, Is.InstanceOf<ApiException>());
    }

    [Test]
    public async Task A_404_with_NOT_FOUND_is_public_key_mode_too()
    {
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.NotFound, "{\"code\":\"NOT_FOUND\",\"message\":\"无可用的平台证书\"}");
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        Assert.That((await Assert.ThrowsAsync<NoPlatformCertificatesException>(() => downloader.DownloadAsync()))!.Code, Is.EqualTo("NOT_FOUND"));
    }

    [TestCase(404, "<html><body>404 Not Found</body></html>", "text/html", TestName = "A 404 page from a proxy or a wrong BaseUri")]
    [TestCase(404, "", "application/json", TestName = "A 404 with an empty body")]
    [TestCase(404, "{\"code\":\"PARAM_ERROR\",\"message\":\"x\"}", "application/json", TestName = "A 404 with another code")]
    [TestCase(404, "{\"code\":404}", "application/json", TestName = "A 404 whose code is not text")]
    [TestCase(400, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"x\"}", "application/json", TestName = "RESOURCE_NOT_EXISTS without the 404")]
    public async Task Other_error_answers_are_plain_api_errors_not_public_key_mode(int status, string body, string contentType)
    {
        _stub.Respond = _ => StubHandler.Plain((HttpStatusCode)status, body, contentType);
        using var downloader = new PlatformCertificateDownloader(Options(withCerts: false));
        var e = (await Assert.ThrowsAsync<ApiException>(() => downloader.DownloadAsync()))!;
        Assert.That(e, Is.TypeOf<ApiException>(), "not NoPlatformCertificatesException");
        Assert.That((int)e.StatusCode, Is.EqualTo(status));
        Assert.That(e.Message, Does.Not.Contain("public key mode"));
    }

    [Test]
    public void The_downloader_needs_the_apiv3_key()
    {
        var options = Options(withCerts: false);
        options.ApiV3Key = null;
        Assert.Throws<ConfigurationException>(() => new PlatformCertificateDownloader(options).Dispose());
    }

    [Test]
    public async Task An_auto_refreshing_client_fetches_an_unknown_serial_once_and_then_verifies()
    {
        var certificateDownloads = 0;
        _stub.Respond = seen =>
        {
            if (seen.Target == "/v3/certificates")
            {
                Interlocked.Increment(ref certificateDownloads);
                return StubHandler.Signed(HttpStatusCode.OK, CertificatesBody());
            }
            return StubHandler.Signed(HttpStatusCode.OK, "{\"ok\":true}");
        };
        var options = Options(withCerts: false);
        options.AutoRefreshPlatformCertificates = true;
        using var client = new WeChatPayClient(options);

        Assert.That((bool?)(await client.SendAsync(HttpMethod.Get, "v3/x")).Json["ok"], Is.True);
        Assert.That(client.Send(HttpMethod.Get, "v3/x").Status, Is.EqualTo(200));
        Assert.That(certificateDownloads, Is.EqualTo(1));
        Assert.That(client.PlatformKeys.Keys, Is.EqualTo(new[] { Fixtures.PlatformSerial }));
        Assert.That(client.EncryptionKeyId, Is.EqualTo(Fixtures.PlatformSerial));
    }

    [Test]
    public void Bogus_serials_trigger_at_most_one_download_a_minute_and_are_still_rejected()
    {
        var certificateDownloads = 0;
        _stub.Respond = seen =>
        {
            if (seen.Target == "/v3/certificates")
            {
                Interlocked.Increment(ref certificateDownloads);
                return StubHandler.Signed(HttpStatusCode.OK, CertificatesBody());
            }
            return StubHandler.Signed(HttpStatusCode.OK, "{}", serial: "BOGUS" + Guid.NewGuid().ToString("N"));
        };
        var options = Options(withCerts: true);
        options.AutoRefreshPlatformCertificates = true;
        using var client = new WeChatPayClient(options);
        for (var i = 0; i < 5; i++)
            Assert.That(Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(certificateDownloads, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failed_refresh_leaves_the_response_rejected_and_the_error_visible()
    {
        _stub.Respond = seen => seen.Target == "/v3/certificates"
            ? StubHandler.Plain(HttpStatusCode.InternalServerError, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}")
            : StubHandler.Signed(HttpStatusCode.OK, "{}");
        var options = Options(withCerts: false);
        options.AutoRefreshPlatformCertificates = true;
        using var client = new WeChatPayClient(options);
        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<ApiException>());
    }

    [Test]
    public void Auto_refresh_needs_the_apiv3_key()
    {
        var options = Options(withCerts: false);
        options.ApiV3Key = null;
        options.AutoRefreshPlatformCertificates = true;
        Assert.That(Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!.Message, Does.Contain("ApiV3Key"));
    }
}
