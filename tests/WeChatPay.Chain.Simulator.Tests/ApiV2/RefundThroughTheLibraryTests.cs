namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// The whole APIv2 flow through the library against the simulator over HTTPS, as a merchant runs it (micropay, query,
/// refund, refund query): the client from
/// <see cref="SimulatorProfile.ToClientOptions"/> trusts the simulator's certificate, signs with the APIv2 key, and
/// presents the merchant certificate on <c>security = true</c> only.
/// </summary>
public sealed class RefundThroughTheLibraryTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.Https = true;

    [Test]
    public async Task Micropay_query_and_refund_over_mutual_TLS([Values] bool sync)
    {
        using var client = new WeChatPayClient(Server.Profile.ToClientOptions());
        dynamic wx = client.Root;
        var outTradeNo = "V2" + Guid.NewGuid().ToString("N")[..24];
        var mchId = Server.Profile.MchId;
        Task<WeChatPayResponse> Call(string path, object options) => sync ? Task.FromResult((WeChatPayResponse)wx[path].Post(options)) : (Task<WeChatPayResponse>)wx[path].PostAsync(options);

        var paid = await Call("v2/pay/micropay", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, body = "image", out_trade_no = outTradeNo, total_fee = 100, spbill_create_ip = "8.8.8.8", auth_code = SimulatedAuthCodes.PaysAtOnce } });
        var queried = await Call("v2/pay/orderquery", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, out_trade_no = outTradeNo } });
        var refunded = await Call("v2/secapi/pay/refund", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, out_trade_no = outTradeNo, out_refund_no = "R" + outTradeNo, total_fee = 100, refund_fee = 40, sign_type = "HMAC-SHA256" }, security = true });
        var refunds = await Call("v2/pay/refundquery", new { xml = new { appid = "wxd678efh567hg6787", mch_id = mchId, out_trade_no = outTradeNo } });

        Assert.That(client.BaseUri.Scheme, Is.EqualTo("https"));
        Assert.That(paid.Xml["result_code"], Is.EqualTo("SUCCESS"));
        Assert.That(queried.Xml["trade_state"], Is.EqualTo("SUCCESS"));
        Assert.That(refunded.Xml["refund_fee"], Is.EqualTo("40"));
        Assert.That((refunds.Xml["refund_count"], refunds.Xml["out_refund_no_0"], refunds.Xml["refund_status_0"]), Is.EqualTo(("1", "R" + outTradeNo, "SUCCESS")));
        Assert.That(new[] { paid, queried, refunded, refunds }.Select(r => r.Call!.Verification), Is.All.EqualTo(ResponseVerification.Verified));
    }

    [Test]
    public void A_refund_without_security_presents_no_certificate_and_is_refused()
    {
        using var client = new WeChatPayClient(Server.Profile.ToClientOptions());

        var e = Assert.Throws<ApiV2Exception>(() => client.Send(HttpMethod.Post, "v2/secapi/pay/refund", new { xml = new { appid = "wx1", mch_id = Server.Profile.MchId, out_trade_no = "1", out_refund_no = "R1", total_fee = 1, refund_fee = 1 } }))!;

        Assert.That(e.ReturnCode, Is.EqualTo("FAIL"));
        Assert.That(e.ReturnMessage, Does.Contain("证书").Or.Contains("certificate"));
    }
}
