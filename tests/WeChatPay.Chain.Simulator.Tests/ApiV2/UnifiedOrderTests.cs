namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary><c>v2/pay/unifiedorder</c> and <c>v2/pay/closeorder</c> through the library's client.</summary>
public sealed class UnifiedOrderTests : ApiV2Test
{
    private object Unified(string outTradeNo, string tradeType = "JSAPI", long totalFee = 1, string? openid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
        => new
        {
            xml = new Dictionary<string, object?>
            {
                ["appid"] = V2Wire.AppId, ["mch_id"] = Server.Profile.MchId, ["body"] = "腾讯充值中心-QQ会员充值", ["out_trade_no"] = outTradeNo,
                ["total_fee"] = totalFee, ["spbill_create_ip"] = "123.12.12.123", ["notify_url"] = "https://www.weixin.qq.com/wxpay/pay.php",
                ["trade_type"] = tradeType, ["openid"] = openid,
            },
        };

    private object Close(string outTradeNo) => new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, out_trade_no = outTradeNo } };

    private Task<WeChatPayResponse> Post(string path, object options) => Client.SendAsync(HttpMethod.Post, path, options);

    [Test]
    public async Task An_order_is_placed_unpaid_with_a_prepay_id()
    {
        var outTradeNo = NewOutTradeNo();

        var response = Client.Send(HttpMethod.Post, "v2/pay/unifiedorder", Unified(outTradeNo));
        var query = await Post("v2/pay/orderquery", Query(outTradeNo));

        Assert.Multiple(() =>
        {
            Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(response.Xml["result_code"], Is.EqualTo("SUCCESS"));
            Assert.That(response.Xml["trade_type"], Is.EqualTo("JSAPI"));
            Assert.That(response.Xml["prepay_id"], Does.Match("^wx[0-9]{8}[0-9a-f]{26}$"));
            Assert.That(response.Xml.ContainsKey("code_url"), Is.False);
            Assert.That(query.Xml["trade_state"], Is.EqualTo("NOTPAY"));
            Assert.That(query.Xml.ContainsKey("transaction_id"), Is.False);
            Assert.That(Server.FindApiV2Order(outTradeNo)!.TradeState, Is.EqualTo("NOTPAY"));
        });
    }

    [Test]
    public async Task A_NATIVE_order_gets_a_code_url()
    {
        var response = await Post("v2/pay/unifiedorder", Unified(NewOutTradeNo(), "NATIVE", openid: null));

        Assert.That(response.Xml["code_url"], Does.StartWith("weixin://wxpay/bizpayurl?pr="));
    }

    [Test]
    public async Task Placing_the_same_order_again_answers_the_same_prepay_id_and_other_parameters_are_refused()
    {
        var outTradeNo = NewOutTradeNo();
        var first = await Post("v2/pay/unifiedorder", Unified(outTradeNo));

        var again = await Post("v2/pay/unifiedorder", Unified(outTradeNo));
        var other = await FailsAsync(() => Post("v2/pay/unifiedorder", Unified(outTradeNo, totalFee: 2)));

        Assert.That(again.Xml["prepay_id"], Is.EqualTo(first.Xml["prepay_id"]));
        Assert.That(other.ErrCode, Is.EqualTo("OUT_TRADE_NO_USED"));
    }

    [Test]
    public async Task A_JSAPI_order_needs_an_openid()
    {
        var e = await FailsAsync(() => Post("v2/pay/unifiedorder", Unified(NewOutTradeNo(), openid: null)));

        Assert.That(e.ReturnMessage, Does.Contain("openid is required when trade_type is JSAPI"));
    }

    [TestCase("MICROPAY")]
    [TestCase("jsapi")]
    public async Task An_unknown_trade_type_is_refused(string tradeType)
        => Assert.That((await FailsAsync(() => Post("v2/pay/unifiedorder", Unified(NewOutTradeNo(), tradeType)))).ReturnMessage, Does.Contain("invalid trade_type"));

    [Test]
    public async Task Closing_an_unpaid_order_closes_it_for_good()
    {
        var outTradeNo = NewOutTradeNo();
        await Post("v2/pay/unifiedorder", Unified(outTradeNo));

        var closed = await Post("v2/pay/closeorder", Close(outTradeNo));
        var query = await Post("v2/pay/orderquery", Query(outTradeNo));
        var closedAgain = await FailsAsync(() => Post("v2/pay/closeorder", Close(outTradeNo)));
        var placedAgain = await FailsAsync(() => Post("v2/pay/unifiedorder", Unified(outTradeNo)));

        Assert.Multiple(() =>
        {
            Assert.That(closed.Xml["result_code"], Is.EqualTo("SUCCESS"));
            Assert.That(closed.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(query.Xml["trade_state"], Is.EqualTo("CLOSED"));
            Assert.That(closedAgain.ErrCode, Is.EqualTo("ORDERCLOSED"));
            Assert.That(placedAgain.ErrCode, Is.EqualTo("ORDERCLOSED"));
        });
    }

    [Test]
    public async Task A_paid_order_cannot_be_closed_or_placed_again()
    {
        var outTradeNo = NewOutTradeNo();
        await Post("v2/pay/micropay", Micropay(outTradeNo));

        var close = await FailsAsync(() => Post("v2/pay/closeorder", Close(outTradeNo)));
        var place = await FailsAsync(() => Post("v2/pay/unifiedorder", Unified(outTradeNo)));

        Assert.That(close.ErrCode, Is.EqualTo("ORDERPAID"));
        Assert.That(close.Response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
        Assert.That(place.ErrCode, Is.EqualTo("ORDERPAID"));
        Assert.That(Server.FindApiV2Order(outTradeNo)!.TradeState, Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task A_micropay_waiting_for_the_password_cannot_be_closed()
    {
        var outTradeNo = NewOutTradeNo();
        await FailsAsync(() => Post("v2/pay/micropay", Micropay(outTradeNo, SimulatedAuthCodes.WaitsForPassword)));

        Assert.That((await FailsAsync(() => Post("v2/pay/closeorder", Close(outTradeNo)))).ErrCode, Is.EqualTo("USERPAYING"));
    }

    [Test]
    public async Task Closing_an_unknown_order_is_ORDERNOTEXIST()
        => Assert.That((await FailsAsync(() => Post("v2/pay/closeorder", Close(NewOutTradeNo())))).ErrCode, Is.EqualTo("ORDERNOTEXIST"));
}
