namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary><c>v2/pay/orderquery</c> by either number, through the library's client.</summary>
public sealed class OrderQueryTests : ApiV2Test
{
    [Test]
    public async Task A_paid_order_is_found_by_transaction_id_and_by_out_trade_no([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();
        var paid = await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo, totalFee: 250));
        var byTransactionId = new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, transaction_id = paid.Xml["transaction_id"] } };

        var byId = sync ? Client.Send(HttpMethod.Post, "v2/pay/orderquery", byTransactionId) : await Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", byTransactionId);
        var byNumber = await Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", Query(outTradeNo));

        Assert.Multiple(() =>
        {
            foreach (var found in new[] { byId, byNumber })
            {
                Assert.That(found.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
                Assert.That(found.Xml["trade_state"], Is.EqualTo("SUCCESS"));
                Assert.That(found.Xml["trade_state_desc"], Is.EqualTo("支付成功"));
                Assert.That(found.Xml["out_trade_no"], Is.EqualTo(outTradeNo));
                Assert.That(found.Xml["transaction_id"], Is.EqualTo(paid.Xml["transaction_id"]));
                Assert.That(found.Xml["total_fee"], Is.EqualTo("250"));
                Assert.That(found.Xml["time_end"], Is.EqualTo(paid.Xml["time_end"]));
                Assert.That(found.Xml["trade_type"], Is.EqualTo("MICROPAY"));
            }
        });
    }

    [Test]
    public async Task An_unknown_order_is_ORDERNOTEXIST_by_either_number()
    {
        var byNumber = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", Query(NewOutTradeNo())));
        var byId = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, transaction_id = "4200000000000000000000000000" } }));

        Assert.Multiple(() =>
        {
            Assert.That(byNumber.ErrCode, Is.EqualTo("ORDERNOTEXIST"));
            Assert.That(byNumber.ReturnCode, Is.EqualTo("SUCCESS"), "the call was taken");
            Assert.That(byNumber.Response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(byId.ErrCode, Is.EqualTo("ORDERNOTEXIST"));
        });
    }

    [Test]
    public async Task A_query_naming_no_order_is_refused()
    {
        var e = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId } }));

        Assert.That(e.ReturnMessage, Does.Contain("transaction_id or out_trade_no is required"));
    }
}
