using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ResponseSignatureTests : SimulatorTest
{
    [Test]
    public async Task Success_responses_are_signed_under_the_platform_certificate_serial_by_default()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That(answer.Header(WeChatPayHeaders.Serial), Is.EqualTo(Server.Profile.PlatformCertificateSerial));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task Responses_name_the_public_key_id_when_the_request_names_it()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", headers: new Dictionary<string, string> { [WeChatPayHeaders.Serial] = Server.Profile.PublicKeyId });

        Assert.That(answer.Header(WeChatPayHeaders.Serial), Is.EqualTo(Server.Profile.PublicKeyId));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task A_verifier_holding_only_the_public_key_id_verifies_public_key_mode_responses()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", headers: new Dictionary<string, string> { [WeChatPayHeaders.Serial] = Server.Profile.PublicKeyId });
        var publicKeyOnly = new Dictionary<string, object> { [Server.Profile.PublicKeyId] = "file://" + Server.Profile.CertificatePaths[Server.Profile.PublicKeyId] };

        Assert.That(() => answer.Verify(new ResponseVerifier(PlatformKeys.Load(publicKeyOnly, Server.Profile.MerchantSerial))), Throws.Nothing);
    }

    [Test]
    public async Task Error_responses_are_signed_too()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = _ => "AAAA");

        Assert.That((int)answer.Status, Is.EqualTo(401));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task A_response_body_altered_in_transit_fails_verification()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");
        var altered = Encoding.UTF8.GetBytes(answer.Text.Replace("certificate", "certificatE"));

        Assert.That(() => Verifier().Verify(answer.Header(WeChatPayHeaders.Timestamp), answer.Header(WeChatPayHeaders.Nonce),
            answer.Header(WeChatPayHeaders.Signature), answer.Header(WeChatPayHeaders.Serial), altered), Throws.InstanceOf<ResponseVerificationException>());
    }

    [Test]
    public async Task Every_response_has_a_request_id_and_a_json_content_type()
    {
        var ok = await Merchant.GetAsync("/v3/certificates");
        var unauthorised = await Merchant.GetAsync("/v3/certificates", parts => parts.MchId = "1");
        var missing = await Merchant.GetAsync("/v3/no/such/api");

        foreach (var answer in new[] { ok, unauthorised, missing })
        {
            Assert.That(answer.Header(WeChatPayHeaders.RequestId), Is.Not.Null.And.Not.Empty, answer.ToString());
            Assert.That(answer.Header("Content-Type"), Does.StartWith("application/json"), answer.ToString());
        }
        Assert.That(ok.Header(WeChatPayHeaders.RequestId), Is.Not.EqualTo(missing.Header(WeChatPayHeaders.RequestId)));
    }

    [Test]
    public async Task Response_timestamps_come_from_the_injected_clock()
    {
        await StopSimulatorAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(-3));
        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, TimeProvider = clock });
        using var merchant = new MerchantRequests(server, clock);

        var answer = await merchant.GetAsync("/v3/certificates");

        Assert.That(answer.Header(WeChatPayHeaders.Timestamp), Is.EqualTo(clock.GetUtcNow().ToUnixTimeSeconds().ToString()));
    }
}
