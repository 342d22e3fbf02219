using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// <see cref="SimulatorSettings.Https"/>: the same simulator over TLS with the profile's self-signed certificate, which a
/// client must trust; APIv3 works as over HTTP.
/// </summary>
public sealed class HttpsTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.Https = true;

    /// <summary>A handler that trusts exactly the simulator's certificate and records what the server presented.</summary>
    private SocketsHttpHandler Trusting(List<byte[]> presented)
    {
        var expected = X509Certificate2.CreateFromPem(File.ReadAllText(Server.Profile.TlsCertificatePath)).RawData;
        var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null) return false;
            presented.Add(certificate.GetRawCertData());
            return certificate.GetRawCertData().AsSpan().SequenceEqual(expected);
        };
        return handler;
    }

    [Test]
    public void The_base_URI_is_HTTPS_on_127_0_0_1_and_is_recorded_in_the_profile()
    {
        Assert.That(Server.BaseUri.ToString(), Does.Match(@"^https://127\.0\.0\.1:[0-9]+/$"));
        Assert.That(SimulatorProfile.Load(Server.Profile.Directory).BaseUri, Is.EqualTo(Server.BaseUri));
    }

    [Test]
    public async Task The_server_presents_the_profiles_certificate()
    {
        var presented = new List<byte[]>();
        using var http = new HttpClient(Trusting(presented)) { BaseAddress = Server.BaseUri };

        using var response = await http.PostAsync("/pay/orderquery", new StringContent("<xml></xml>"));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(presented.Single(), Is.EqualTo(X509Certificate2.CreateFromPem(File.ReadAllText(Server.Profile.TlsCertificatePath)).RawData));
    }

    [Test]
    public void A_client_that_does_not_trust_the_self_signed_certificate_cannot_connect()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Server.BaseUri };

        Assert.That(async () => await http.GetAsync("/v3/certificates"), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task APIv3_calls_through_the_library_work_as_over_HTTP()
    {
        // The profile's options trust the simulator's certificate on the client's own transport.
        using var client = new WeChatPayClient(Server.Profile.ToClientOptions());
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var certificates = await client.SendAsync(HttpMethod.Get, "v3/certificates");
        var created = await client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { appid = SmartRetail.AppId, out_order_no = outOrderNo, service_id = SmartRetail.ServiceId } });
        var refused = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId } })))!;

        Assert.Multiple(() =>
        {
            Assert.That(certificates.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(certificates.Json["data"], Is.InstanceOf<JArray>());
            Assert.That(created.Json.Value<string>("state"), Is.EqualTo("CREATED"));
            Assert.That(refused.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That(Server.FindOrder(outOrderNo), Is.Not.Null);
        });
    }

    [Test]
    public async Task APIv2_endpoints_other_than_secapi_need_no_client_certificate()
    {
        using var wire = new V2Wire(Server);
        var outTradeNo = "V2" + Guid.NewGuid().ToString("N")[..24];

        var answer = await wire.PostAsync("/pay/micropay", wire.Fields(("body", "QQ公仔"), ("out_trade_no", outTradeNo), ("total_fee", "1"),
            ("spbill_create_ip", "14.23.150.211"), ("auth_code", SimulatedAuthCodes.PaysAtOnce)));

        Assert.That(answer.Field("result_code"), Is.EqualTo("SUCCESS"), answer.ToString());
        Assert.That(ApiV2Signature.IsValid(answer.Xml, Server.Profile.ApiV2Key), Is.True);
    }
}
