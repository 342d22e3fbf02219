using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A platform certificate outside its validity period — expired (2016–2021) or not valid yet (2098–2099), both for the
/// fixtures' platform key — never verifies an answer: refused in <c>Certs</c>, left out of a download, and never added
/// by a refresh, against a loopback server that hands such certificates out, sync and async alike.
/// </summary>
public class CertificateValidityTests
{
    private const string ExpiredSerial = "1E7F0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B";
    private const string FutureSerial = "2F7F0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B";
    private const string ApiV3Key = "0123456789abcdefABCDEF0123456789";

    [TestCase("expired_cert.pem", ExpiredSerial, "has expired: it is valid from 2016-01-01 00:00:00 UTC to 2021-12-31 23:59:59 UTC")]
    [TestCase("future_cert.pem", FutureSerial, "is not valid yet: it is valid from 2098-01-01 00:00:00 UTC to 2099-12-31 23:59:59 UTC")]
    public void A_certificate_outside_its_period_in_certs_is_refused_naming_its_serial_and_dates(string file, string serial, string why)
    {
        foreach (var value in new object[] { Fixtures.FileUri(file), Fixtures.Text(file) })
        {
            var options = Fixtures.Options(new StubHandler());
            options.Certs[serial] = value;

            var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;

            Assert.That(e.Message, Does.StartWith($"Certs[\"{serial}\"] holds the platform certificate {serial}, which {why}, and it is "));
            Assert.That(e.Message, Does.Contain("cannot verify answers").And.Contain("GET /v3/certificates"));
        }
    }

    [Test]
    public async Task A_download_of_only_expired_certificates_is_a_format_error_async_and_sync()
    {
        await using var server = await CertificateServer([("expired_cert.pem", ExpiredSerial)], signedUnder: ExpiredSerial);
        using var downloader = new PlatformCertificateDownloader(Options(server.BaseUri));

        var async = (await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync()))!;
        var sync = Assert.Throws<ResponseFormatException>(() => downloader.Download())!;

        foreach (var e in new[] { async, sync })
            Assert.That(e.Message, Does.Contain($"no certificate it lists is valid now: certificate {ExpiredSerial} has expired: it is valid from 2016-01-01"));
    }

    [Test]
    public async Task A_download_leaves_out_the_certificates_outside_their_period_async_and_sync()
    {
        await using var server = await CertificateServer(
            [("expired_cert.pem", ExpiredSerial), ("platform_cert.pem", Fixtures.PlatformSerial), ("future_cert.pem", FutureSerial)], signedUnder: Fixtures.PlatformSerial);
        using var downloader = new PlatformCertificateDownloader(Options(server.BaseUri));

        var async = await downloader.DownloadAsync();
        var sync = downloader.Download();

        Assert.That(async.Select(certificate => certificate.Serial), Is.EqualTo(new[] { Fixtures.PlatformSerial }));
        Assert.That(sync.Select(certificate => certificate.Serial), Is.EqualTo(new[] { Fixtures.PlatformSerial }));
    }

    [Test]
    public async Task An_answer_signed_by_an_expired_certificate_is_not_trusted_after_a_refresh_async_and_sync()
    {
        await using var server = await CertificateServer([("expired_cert.pem", ExpiredSerial)], signedUnder: ExpiredSerial);
        var options = Options(server.BaseUri);
        options.AutoRefreshPlatformCertificates = true;
        using var client = new WeChatPayClient(options);

        var async = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/pay/transactions/id/1")))!;
        var sync = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/pay/transactions/id/1"))!;

        Assert.That(async.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(sync.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(client.PlatformKeys.Ids, Does.Not.Contain(ExpiredSerial));
        Assert.That(client.PlatformCertificatesRefreshError, Is.InstanceOf<ResponseFormatException>());
    }

    [Test]
    public void Added_certificates_outside_their_period_are_left_out()
    {
        using var client = new WeChatPayClient(Fixtures.Options(new StubHandler()));
        var listed = DateTimeOffset.UtcNow;

        var added = client.PlatformKeys.Add(
        [
            new PlatformCertificate(ExpiredSerial, listed.AddYears(-1), listed.AddYears(1), Fixtures.Text("expired_cert.pem")),
            new PlatformCertificate(FutureSerial, listed.AddYears(-1), listed.AddYears(1), Fixtures.Text("future_cert.pem")),
        ]);

        Assert.That(added, Is.Empty, "the certificates' own dates count, not those listed beside them");
        Assert.That(client.PlatformKeys.Ids, Does.Not.Contain(ExpiredSerial).And.Not.Contain(FutureSerial));
    }

    /// <summary>The test merchant over HTTP to <paramref name="baseUri"/>, trusting no platform key yet, with the APIv3 key.</summary>
    private static ClientOptions Options(Uri baseUri)
    {
        var options = Fixtures.OverHttp(baseUri);
        options.Certs.Clear();
        options.ApiV3Key = ApiV3Key;
        return options;
    }

    /// <summary>
    /// A loopback server whose <c>GET /v3/certificates</c> lists <paramref name="certificates"/> (encrypted under the
    /// APIv3 key) and whose every answer is signed with the fixtures' platform key under <paramref name="signedUnder"/>.
    /// </summary>
    private static async Task<LoopbackServer> CertificateServer((string File, string Serial)[] certificates, string signedUnder)
    {
        var server = await LoopbackServer.StartAsync();
        var list = new JArray(certificates.Select(certificate => new JObject
        {
            ["serial_no"] = certificate.Serial,
            ["effective_time"] = "2026-01-01T00:00:00+08:00",
            ["expire_time"] = "2031-01-01T00:00:00+08:00",
            ["encrypt_certificate"] = new JObject
            {
                ["algorithm"] = AeadAesGcm.Algorithm,
                ["nonce"] = "61f9fcd1ef2b",
                ["associated_data"] = "certificate",
                ["ciphertext"] = new AeadAesGcm(ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", Fixtures.Text(certificate.File)),
            },
        }));
        var answer = new JObject { ["data"] = list }.ToString(Newtonsoft.Json.Formatting.None);
        server.Answer = context => Signed(context, context.Request.Path == "/v3/certificates" ? answer : "{}", signedUnder);
        return server;
    }

    private static async Task Signed(HttpContext context, string json, string serial)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        context.Response.ContentType = "application/json";
        context.Response.Headers[WeChatPayHeaders.Timestamp] = timestamp;
        context.Response.Headers[WeChatPayHeaders.Nonce] = nonce;
        context.Response.Headers[WeChatPayHeaders.Serial] = serial;
        context.Response.Headers[WeChatPayHeaders.Signature] = Rsa.Sign(Fixtures.PlatformKey.Value, SignatureMessage.ForResponse(timestamp, nonce, body));
        await context.Response.Body.WriteAsync(body);
    }
}
