// The sample of docs/testing.md, verbatim but for the namespace: if it stops compiling or passing, so does the doc.
using Flurl.Http.Testing;
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.Docs;

public class SmartRetailOrderTests
{
    private const string AppId = "wxd678efh567hg6787", ServiceId = "500001", OutOrderNo = "1234323JKHDFE1243252";

    private HttpTest _test = null!;
    private WeChatPayClient _client = null!;
    private dynamic _wx = null!;

    [SetUp]
    public void SetUp()
    {
        _test = new HttpTest();                                   // fakes every call made on this test's flow
        _client = Builder.Create(TestMerchant.ClientOptions());   // the test merchant; trusts TestPlatform's keys
        _wx = _client.Root;
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _test.Dispose();
    }

    [Test]
    public async Task Create()
    {
        _test.RespondWithWeChatPay(new { out_order_no = OutOrderNo, order_id = "1000000000201712050000", state = "CREATED" });

        var order = await _wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid = AppId, service_id = ServiceId, out_order_no = OutOrderNo } });

        Assert.That((string)order.Json.state, Is.EqualTo("CREATED"));
        _test.ShouldHaveCalled("https://api.mch.weixin.qq.com/v3/payscore/smartretail-orders")
            .WithVerb(HttpMethod.Post)
            .WithRequestJson(new { appid = AppId, service_id = ServiceId, out_order_no = OutOrderNo })
            .WithWeChatPaySignature();                            // signed by the merchant, over the bytes sent
    }

    [Test]
    public void Query()
    {
        _test.RespondWithWeChatPay(new { out_order_no = OutOrderNo, state = "USER_ACCEPTED", finish_ticket = "TICKET" });

        var order = _wx.V3.Payscore.SmartretailOrders.Get(new { query = new { service_id = ServiceId, out_order_no = OutOrderNo, appid = AppId } });

        Assert.That((string)order.Json.finish_ticket, Is.EqualTo("TICKET"));
        _test.ShouldHaveCalled("*/v3/payscore/smartretail-orders")
            .WithVerb(HttpMethod.Get)
            .WithQueryParams(new { service_id = ServiceId, out_order_no = OutOrderNo, appid = AppId })
            .WithWeChatPaySignature();
    }

    [Test]
    public async Task Cancel()
    {
        _test.RespondWithWeChatPay(new { out_order_no = OutOrderNo, state = "REVOKED" });

        var order = await _wx.V3.Payscore.SmartretailOrders._out_order_no_.Cancel.PostAsync(new
        {
            out_order_no = OutOrderNo,
            json = new { appid = AppId, service_id = ServiceId, reason = "用户取消" },
        });

        Assert.That((string)order.Json.state, Is.EqualTo("REVOKED"));
        _test.ShouldHaveCalled($"*/v3/payscore/smartretail-orders/{OutOrderNo}/cancel").WithVerb(HttpMethod.Post).WithWeChatPaySignature();
    }

    [Test]
    public async Task Complete()
    {
        _test.RespondWithWeChatPay(new { out_order_no = OutOrderNo, state = "FINISHED", total_amount = 300 });

        var order = await _wx[$"v3/payscore/smartretail-orders/{OutOrderNo}/complete"].PostAsync(new
        {
            json = new
            {
                appid = AppId,
                service_id = ServiceId,
                finish_type = 2,
                finish_ticket = "TICKET",
                total_amount = 300,
                fees = new[] { new { fee_name = "咖啡", fee_amount = 300 } },
            },
        });

        Assert.That((int)order.Json.total_amount, Is.EqualTo(300));
        _test.ShouldHaveCalled("*/complete").WithRequestBody("*\"finish_type\":2*").WithWeChatPaySignature();
    }

    [Test]
    public void An_error_answer_is_an_ApiException()
    {
        _test.RespondWithWeChatPayError(404, "ORDER_NOT_EXIST", "订单不存在");

        var e = Assert.Throws<ApiException>(() => _wx.V3.Payscore.SmartretailOrders.Get(new { query = new { service_id = ServiceId, out_order_no = "NOSUCHORDER", appid = AppId } }));

        Assert.That(e!.Code, Is.EqualTo("ORDER_NOT_EXIST"));
    }

    [Test]
    public void An_answer_WeChat_Pay_did_not_sign_is_refused()
    {
        _test.RespondWith("{\"state\":\"FINISHED\"}");                // Flurl's own fake: no signature

        Assert.Throws<ResponseVerificationException>(() => _wx.V3.Payscore.SmartretailOrders.Get(new { query = new { service_id = ServiceId, out_order_no = OutOrderNo, appid = AppId } }));
    }
}
