using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// Over real TLS on loopback: an HTTPS server with a self-signed certificate the client is told to trust, which asks for
/// a client certificate and answers, signed, with what it was shown. <c>security = true</c> presents the merchant
/// certificate; other calls present none; a server the client was not told to trust is refused.
/// </summary>
public class MutualTlsTests
{
    private WebApplication _app = null!;
    private Uri _baseUri = null!;
    private X509Certificate2 _serverCertificate = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            _serverCertificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = _serverCertificate,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        _app = builder.Build();
        _app.MapPost("/{**path}", (HttpContext context) =>
        {
            var shown = context.Connection.ClientCertificate is { } c ? Rsa.CertificateSerial(c) : "none";
            var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("result_code", "SUCCESS"), new("client_certificate", shown) };
            fields.Add(new("sign", ApiV2Signature.Sign(fields, TestMerchant.ApiV2Key)));
            return Results.Text(ApiV2Xml.Write(fields), "text/xml");
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _baseUri = new Uri(address.TrimEnd('/') + "/");
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _serverCertificate.Dispose();
    }

    private static string MerchantCertificateFile => "file://" + Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "merchant_cert.pem");

    private ClientOptions Options(bool trust = true)
    {
        var options = TestMerchant.ClientOptions();
        options.BaseUri = _baseUri;
        options.HttpMessageHandler = null;
        options.MerchantCertificate = MerchantCertificateFile;
        if (trust) options.TrustedServerCertificate = _serverCertificate.ExportCertificatePem();
        return options;
    }

    private static readonly object Refund = new { xml = new { mch_id = TestMerchant.MchId, out_refund_no = "R1" }, security = true };

    [Test]
    public async Task Security_presents_the_merchant_certificate_over_TLS([Values] bool sync)
    {
        using var client = new WeChatPayClient(Options());
        var merchantSerial = Rsa.CertificateSerial(Rsa.LoadCertificate(MerchantCertificateFile));

        var response = sync ? client.Send(HttpMethod.Post, "v2/secapi/pay/refund", Refund) : await client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", Refund);

        Assert.That(response.Xml["client_certificate"], Is.EqualTo(merchantSerial));
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
    }

    [Test]
    public async Task Beside_an_HttpClient_from_elsewhere_security_goes_through_the_clients_own_certificate_transport()
    {
        using var external = new HttpClient();
        using var client = new WeChatPayClient(Options(), external);

        var response = await client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", Refund);

        Assert.That(response.Xml["client_certificate"], Is.EqualTo(Rsa.CertificateSerial(Rsa.LoadCertificate(MerchantCertificateFile))));
    }

    [Test]
    public async Task A_call_without_security_presents_no_certificate()
    {
        using var client = new WeChatPayClient(Options());

        var response = await client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", new { xml = new { mch_id = TestMerchant.MchId, out_trade_no = "1" } });

        Assert.That(response.Xml["client_certificate"], Is.EqualTo("none"));
    }

    [Test]
    public void A_server_certificate_the_client_was_not_told_to_trust_is_refused()
    {
        using var client = new WeChatPayClient(Options(trust: false));

        Assert.That(async () => await client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", Refund), Throws.TypeOf<TransportException>());
    }

    [Test]
    public void Trusting_a_server_certificate_is_refused_for_WeChat_Pay_for_remote_hosts_and_for_a_given_transport()
    {
        var pem = _serverCertificate.ExportCertificatePem();
        var weixin = TestMerchant.ClientOptions();
        (weixin.TrustedServerCertificate, weixin.HttpMessageHandler) = (pem, null);
        var remote = Options();
        remote.BaseUri = new Uri("https://simulator.example/");
        var ownTransport = Options();
        ownTransport.HttpMessageHandler = new HttpClientHandler();

        Assert.That(() => new WeChatPayClient(weixin), Throws.TypeOf<ConfigurationException>().With.Message.Contains("is WeChat Pay"));
        Assert.That(() => new WeChatPayClient(remote), Throws.TypeOf<ConfigurationException>().With.Message.Contains("loopback"));
        Assert.That(() => new WeChatPayClient(ownTransport), Throws.TypeOf<ConfigurationException>().With.Message.Contains("your own HttpMessageHandler"));
    }
}
