namespace WeChatPay.Chain.Simulator.Tests.ShangMi;

/// <summary>A merchant that signs in 国密 only (<see cref="SimulatorSettings.Scheme"/>): RSA-signed requests are refused.</summary>
public sealed class Sm2OnlyMerchantTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.Scheme = SignatureScheme.Sm2WithSm3;

    [Test]
    public async Task An_rsa_signed_request_is_refused_with_sign_error_naming_the_scheme()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(401));
        Assert.That(answer.Code, Is.EqualTo("SIGN_ERROR"));
        Assert.That(answer.Text, Does.Contain("the merchant signs in WECHATPAY2-SM2-WITH-SM3, not WECHATPAY2-SHA256-RSA2048"));
    }

    [Test]
    public async Task An_sm2_signed_request_is_taken()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions(scheme: SignatureScheme.Sm2WithSm3));

        var answer = await client.SendAsync(HttpMethod.Get, "v3/certificates", new { query = new { algorithm_type = "SM2" } });

        Assert.That(answer.Status, Is.EqualTo(200));
    }
}
