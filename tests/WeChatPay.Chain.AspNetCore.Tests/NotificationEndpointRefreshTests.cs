using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.AspNetCore.Tests.Support;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.AspNetCore.Tests;

/// <summary>
/// The endpoint over a client that keeps its platform certificates fresh: a notification signed with a certificate
/// WeChat Pay has just rotated to is verified after one download, not refused until the next scheduled refresh.
/// </summary>
public class NotificationEndpointRefreshTests
{
    private const string Path = "wechatpay/notify";
    private const string RotatedSerial = "5A0102030405060708090A0B0C0D0E0F10111213";

    private static readonly Lazy<RSA> RotatedKey = new(() => RSA.Create(2048));

    private readonly ConcurrentQueue<Notification> _handled = new();
    private readonly ConcurrentQueue<string> _requested = new();

    [SetUp]
    public void Clear()
    {
        _handled.Clear();
        _requested.Clear();
    }

    /// <summary>
    /// WeChat Pay's <c>/v3/certificates</c>, delivering the rotated certificate, signed with the key the client already
    /// trusts. It answers only asynchronously (a synchronous send throws), so these tests also show that the endpoint
    /// reads notifications asynchronously.
    /// </summary>
    private sealed class CertificatesEndpoint(ConcurrentQueue<string> requested, bool withRotated) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            requested.Enqueue(request.RequestUri!.AbsolutePath);
            var data = new JArray();
            if (withRotated)
            {
                data.Add(new JObject
                {
                    ["serial_no"] = RotatedSerial,
                    ["effective_time"] = "2026-01-01T00:00:00+08:00",
                    ["expire_time"] = "2031-01-01T00:00:00+08:00",
                    ["encrypt_certificate"] = new JObject
                    {
                        ["algorithm"] = AeadAesGcm.Algorithm,
                        ["nonce"] = "61f9fcd1ef2b",
                        ["associated_data"] = "certificate",
                        ["ciphertext"] = new AeadAesGcm(TestPlatform.ApiV3Key).Encrypt("61f9fcd1ef2b", "certificate", RotatedCertificatePem()),
                    },
                });
            }
            var body = Encoding.UTF8.GetBytes(new JObject { ["data"] = data }.ToString(Newtonsoft.Json.Formatting.None));
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, ts);
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, "n0nce");
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, Rsa.Sign(TestPlatform.PrivateKey.Value, SignatureMessage.ForResponse(ts, "n0nce", body)));
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, TestPlatform.Serial);
            return Task.FromResult(response);
        }
    }

    /// <summary>A certificate for the rotated key, with <see cref="RotatedSerial"/> as its serial.</summary>
    private static string RotatedCertificatePem()
    {
        var request = new CertificateRequest("CN=Tenpay.com Root CA Test", RotatedKey.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.Create(new X500DistinguishedName("CN=Tenpay.com Root CA Test"), X509SignatureGenerator.CreateForRSA(RotatedKey.Value, RSASignaturePadding.Pkcs1),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), Convert.FromHexString(RotatedSerial));
        return certificate.ExportCertificatePem();
    }

    private WeChatPayClient Client(bool downloadHasIt) => new(new ClientOptions
    {
        MchId = "1900000001",
        Serial = "3775B6A45ACDEF1234567890ABCDEF1234567890",
        PrivateKey = TestPlatform.MerchantKey.Value,
        Certs = { [TestPlatform.Serial] = TestPlatform.PrivateKey.Value.ExportSubjectPublicKeyInfoPem() },
        ApiV3Key = TestPlatform.ApiV3Key,
        AutoRefreshPlatformCertificates = true,
        HttpMessageHandler = new CertificatesEndpoint(_requested, downloadHasIt),
    });

    /// <summary>The usual notification, signed with the rotated key under its serial.</summary>
    private static PostedNotification SignedWithTheRotatedKey()
    {
        var original = PostedNotification.Create();
        string Header(string name) => original.Headers.First(h => h.Key == name).Value;
        var ts = Header(WeChatPayHeaders.Timestamp);
        var signature = Rsa.Sign(RotatedKey.Value, SignatureMessage.ForResponse(ts, Header(WeChatPayHeaders.Nonce), original.Body));
        return PostedNotification.Create(body: original.Body, timestamp: long.Parse(ts, CultureInfo.InvariantCulture), signature: signature, serial: RotatedSerial);
    }

    private async Task<HttpResponseMessage> PostAsync(WeChatPayClient client, PostedNotification posted)
    {
        await using var host = await NotificationHost.StartAsync(app => app.MapWeChatPayNotifications("/" + Path, client, (notification, _, _) =>
        {
            _handled.Enqueue(notification);
            return Task.CompletedTask;
        }));
        return await host.PostAsync(Path, posted);
    }

    [Test]
    public async Task A_notification_signed_with_a_rotated_certificate_is_answered_204_after_one_download()
    {
        using var client = Client(downloadHasIt: true);

        using var response = await PostAsync(client, SignedWithTheRotatedKey());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(_handled.Single().Id, Is.EqualTo(PostedNotification.Id));
        Assert.That(_requested, Is.EqualTo(new[] { "/v3/certificates" }));
    }

    [Test]
    public async Task A_serial_the_download_does_not_deliver_is_still_answered_401()
    {
        using var client = Client(downloadHasIt: false);

        using var response = await PostAsync(client, SignedWithTheRotatedKey());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_handled, Is.Empty);
        Assert.That(_requested, Is.EqualTo(new[] { "/v3/certificates" }), "it tried once");
    }
}
