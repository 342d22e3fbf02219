using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// <c>wxpay post v2/…</c> with <c>--xml</c>, against a simulator over HTTPS: the profile gives the APIv2 key, the merchant
/// certificate for <c>--security</c> and the simulator's own certificate to trust; the answer's fields print as JSON.
/// </summary>
public class ApiV2CallTests : SimulatorFixture
{
    protected override bool Https => true;

    private string[] Profile => ["--profile", ProfileDirectory.Path];

    [Test]
    public async Task Micropay_then_a_refund_over_mutual_TLS_print_the_verified_fields()
    {
        var outTradeNo = "CLI" + Guid.NewGuid().ToString("N")[..20];
        string[] merchant = ["--xml", "appid=wxd678efh567hg6787", "--xml", $"mch_id={Simulator.Profile.MchId}", "--xml", $"out_trade_no={outTradeNo}"];

        var paid = await Cli.RunAsync(["post", "v2/pay/micropay", .. merchant, "--xml", "body=image", "--xml", "total_fee=100", "--xml", "spbill_create_ip=8.8.8.8",
            "--xml", $"auth_code={SimulatedAuthCodes.PaysAtOnce}", .. Profile]);
        var refunded = await Cli.RunAsync(["post", "v2/secapi/pay/refund", .. merchant, "--xml", $"out_refund_no=R{outTradeNo}", "--xml", "total_fee=100",
            "--xml", "refund_fee=100", "--security", .. Profile]);
        var withoutCertificate = await Cli.RunAsync(["post", "v2/secapi/pay/refund", .. merchant, "--xml", $"out_refund_no=S{outTradeNo}", "--xml", "total_fee=100",
            "--xml", "refund_fee=1", .. Profile]);

        Assert.Multiple(() =>
        {
            Assert.That(paid.Code, Is.EqualTo(0), paid.Err);
            Assert.That((string?)JObject.Parse(paid.Out)["result_code"], Is.EqualTo("SUCCESS"));
            Assert.That(refunded.Code, Is.EqualTo(0), refunded.Err);
            Assert.That((string?)JObject.Parse(refunded.Out)["refund_fee"], Is.EqualTo("100"));
            Assert.That(withoutCertificate.Code, Is.Not.EqualTo(0), "without --security no certificate is presented");
            Assert.That(withoutCertificate.Err, Does.Contain("return_code FAIL"));
        });
    }

    [Test]
    public async Task Fields_for_another_merchant_are_refused_before_sending()
    {
        var (code, output, error) = await Cli.RunAsync(["post", "v2/pay/orderquery", "--xml", "mch_id=1900000999", "--xml", "out_trade_no=1", .. Profile]);

        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(error, Does.Contain("signs for merchant " + Simulator.Profile.MchId));
        Assert.That(output, Is.Empty);
    }
}
