using System.Globalization;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary><c>v2/pay/micropay</c> through the library's client: paid at once, or USERPAYING and then paid by querying.</summary>
public sealed class MicropayTests : ApiV2Test
{
    private Task<WeChatPayResponse> Send(bool sync, string path, object options)
        => sync ? Task.FromResult(Client.Send(HttpMethod.Post, path, options)) : Client.SendAsync(HttpMethod.Post, path, options);

    [Test]
    public async Task A_valid_payment_code_pays_the_order_at_once([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();

        var response = await Send(sync, "v2/pay/micropay", Micropay(outTradeNo, totalFee: 888));

        var xml = response.Xml;
        var beijing = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        Assert.Multiple(() =>
        {
            Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That((xml["return_code"], xml["return_msg"], xml["result_code"]), Is.EqualTo(("SUCCESS", "OK", "SUCCESS")));
            Assert.That(xml["out_trade_no"], Is.EqualTo(outTradeNo));
            Assert.That(xml["transaction_id"], Does.Match("^4200[0-9]{24}$"));
            Assert.That(xml["total_fee"], Is.EqualTo("888"));
            Assert.That(xml["cash_fee"], Is.EqualTo("888"));
            Assert.That(xml["trade_type"], Is.EqualTo("MICROPAY"));
            Assert.That(xml["openid"], Does.StartWith("o"));
            Assert.That(DateTime.ParseExact(xml["time_end"], "yyyyMMddHHmmss", CultureInfo.InvariantCulture), Is.EqualTo(beijing.DateTime).Within(TimeSpan.FromMinutes(1)), "Beijing time");
            Assert.That(Server.FindApiV2Order(outTradeNo), Is.EqualTo(new ApiV2OrderView(outTradeNo, "MICROPAY", "SUCCESS", 888, xml["transaction_id"], 0)));
        });
    }

    [Test]
    public async Task A_payer_who_must_enter_a_password_is_USERPAYING_then_the_order_is_polled_until_paid([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();

        var waiting = await FailsAsync(() => Send(sync, "v2/pay/micropay", Micropay(outTradeNo, SimulatedAuthCodes.WaitsForPassword)));
        var stateAfterPay = Server.FindApiV2Order(outTradeNo)!.TradeState;
        var first = await Send(sync, "v2/pay/orderquery", Query(outTradeNo));
        var second = await Send(sync, "v2/pay/orderquery", Query(outTradeNo));
        var third = await Send(sync, "v2/pay/orderquery", Query(outTradeNo));

        Assert.Multiple(() =>
        {
            Assert.That(waiting.IsUserPaying, Is.True, waiting.Message);
            Assert.That(waiting.ResultCode, Is.EqualTo("FAIL"));
            Assert.That(waiting.Response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified), "a business failure is signed");
            Assert.That(stateAfterPay, Is.EqualTo("USERPAYING"), "the order waits");
            Assert.That(first.Xml["trade_state"], Is.EqualTo("USERPAYING"));
            Assert.That(first.Xml.ContainsKey("transaction_id"), Is.False);
            Assert.That(second.Xml["trade_state"], Is.EqualTo("SUCCESS"));
            Assert.That(second.Xml["transaction_id"], Does.Match("^4200[0-9]{24}$"));
            Assert.That(third.Xml["transaction_id"], Is.EqualTo(second.Xml["transaction_id"]), "paid once");
        });
    }

    [Test]
    public void Any_valid_code_ending_in_0000_waits_for_the_password_and_the_documented_codes_are_valid()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SimulatedAuthCodes.AsksForPassword("101234567890120000"), Is.True);
            Assert.That(SimulatedAuthCodes.AsksForPassword(SimulatedAuthCodes.WaitsForPassword), Is.True);
            Assert.That(SimulatedAuthCodes.AsksForPassword(SimulatedAuthCodes.PaysAtOnce), Is.False);
            Assert.That(SimulatedAuthCodes.IsValid(SimulatedAuthCodes.PaysAtOnce), Is.True);
            Assert.That(SimulatedAuthCodes.AsksForPassword("160000000000000000"), Is.False, "16 is not a payment code prefix");
        });
    }

    [TestCase("12345")]
    [TestCase("164567890123456789")]
    [TestCase("09456789012345678a")]
    [TestCase("1345678901234567890")]
    public async Task An_invalid_payment_code_is_AUTH_CODE_INVALID(string authCode)
    {
        var outTradeNo = NewOutTradeNo();

        var e = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo, authCode)));

        Assert.That(e.ErrCode, Is.EqualTo("AUTH_CODE_INVALID"));
        Assert.That(Server.FindApiV2Order(outTradeNo), Is.Null, "no order is placed");
    }

    [Test]
    public async Task Paying_a_paid_order_again_is_ORDERPAID_and_a_waiting_one_is_still_USERPAYING()
    {
        var paid = NewOutTradeNo();
        var waiting = NewOutTradeNo();
        await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(paid));
        await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(waiting, SimulatedAuthCodes.WaitsForPassword)));

        var again = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(paid)));
        var stillWaiting = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(waiting)));

        Assert.That(again.ErrCode, Is.EqualTo("ORDERPAID"));
        Assert.That(stillWaiting.ErrCode, Is.EqualTo("USERPAYING"));
    }

    [Test]
    public async Task A_missing_field_is_refused_naming_it()
    {
        var e = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/micropay",
            new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, body = "QQ公仔", out_trade_no = NewOutTradeNo(), total_fee = 1, spbill_create_ip = "14.23.150.211" } }));

        Assert.That(e.ReturnCode, Is.EqualTo("FAIL"));
        Assert.That(e.ReturnMessage, Does.Contain("auth_code is required"));
        Assert.That(e.Response.Call!.Verification, Is.EqualTo(ResponseVerification.Unsigned));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("abc")]
    public async Task A_total_fee_that_is_not_a_positive_whole_number_of_fen_is_refused(string totalFee)
    {
        var answer = await Wire.PostAsync("/pay/micropay", [.. MicropayFields(Wire, NewOutTradeNo()).Where(f => f.Key != "total_fee"), new("total_fee", totalFee)]);

        Assert.That(answer.Field("return_code"), Is.EqualTo("FAIL"));
        Assert.That(answer.Field("return_msg"), Does.Contain("total_fee must be a positive whole number of fen"));
    }

    [TestCase("has space")]
    [TestCase("中文订单")]
    [TestCase("123456789012345678901234567890123")]
    public async Task An_out_trade_no_of_the_wrong_form_is_refused(string outTradeNo)
    {
        var answer = await Wire.PostAsync("/pay/micropay", MicropayFields(Wire, outTradeNo));

        Assert.That(answer.Field("return_msg"), Does.Contain("invalid out_trade_no"), answer.ToString());
    }
}
