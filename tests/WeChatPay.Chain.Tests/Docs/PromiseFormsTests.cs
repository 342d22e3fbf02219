// The promise forms of docs/porting.md, verbatim inside a test: if they stop compiling or running, so does the doc.
using Flurl.Http.Testing;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.Docs;

public class PromiseFormsTests
{
    [Test]
    public async Task The_promise_forms_run()
    {
        using var test = new HttpTest();
        test.RespondWithWeChatPay(new { state = "CREATED" }).RespondWithWeChatPay(new { state = "CREATED" });
        using var client = Builder.Create(TestMerchant.ClientOptions());
        dynamic wx = client.Root;
        var order = new { appid = "wxd678efh567hg6787", service_id = "500001", out_order_no = "NO1" };
// $instance->v3->payscore->smartretailOrders->postAsync([...])->then(…)->otherwise(…)->wait();
try
{
    WeChatPayResponse r = await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = order });
    Console.WriteLine(r.Json["state"]);                    // then
}
catch (ApiException e)                                     // otherwise
{
    Console.WriteLine($"{e.Code}: {e.ErrorMessage} (Request-ID {e.RequestId})");
}

// A Task kept for later, continued like a promise:
Task<WeChatPayResponse> pending = wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = order });
Task<string> state = pending.ContinueWith(t => (string)t.Result.Json["state"]!, TaskContinuationOptions.OnlyOnRanToCompletion);
        Assert.That(await state, Is.EqualTo("CREATED"));
        test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").Times(2);
    }
}
