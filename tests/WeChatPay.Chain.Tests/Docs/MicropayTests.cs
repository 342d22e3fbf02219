// The sample of docs/apiv2.md, verbatim but for the namespace: if it stops compiling or passing, so does the doc.
using Flurl.Http.Testing;
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.Docs;

public class MicropayTests
{
    private static readonly object Micropay = new
    {
        xml = new { appid = "wxd678efh567hg6787", mch_id = TestMerchant.MchId, body = "image", out_trade_no = "1217752501201407033233368018", total_fee = 1, spbill_create_ip = "8.8.8.8", auth_code = "120061098828009406" },
    };

    [Test]
    public async Task A_payer_who_types_a_password_is_polled_until_paid()
    {
        using var test = new HttpTest();
        using var client = Builder.Create(TestMerchant.ClientOptions());   // signs APIv2 with TestMerchant.ApiV2Key
        dynamic wx = client.Root;
        test.RespondWithWeChatPayV2(new { result_code = "FAIL", err_code = "USERPAYING", err_code_des = "需要用户输入支付密码" })
            .RespondWithWeChatPayV2(new { result_code = "SUCCESS", trade_state = "SUCCESS", transaction_id = "4200000001" });

        var waiting = Assert.ThrowsAsync<ApiV2Exception>(async () => await wx.V2.Pay.Micropay.PostAsync(Micropay));
        Assert.That((await waiting)!.IsUserPaying, Is.True);

        var paid = await wx["v2/pay/orderquery"].PostAsync(new { xml = new { appid = "wxd678efh567hg6787", mch_id = TestMerchant.MchId, out_trade_no = "1217752501201407033233368018" } });
        Assert.That((string)paid.Xml.trade_state, Is.EqualTo("SUCCESS"));
        test.ShouldHaveCalled("https://api.mch.weixin.qq.com/pay/orderquery").WithVerb(HttpMethod.Post).WithRequestBody("*<out_trade_no><![CDATA[1217752501201407033233368018]]></out_trade_no>*");
    }
}
