using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>The two spellings docs/porting.md warns porters about, pinned.</summary>
public class PortingNotesTests : StubbedClientTest
{
    [Test]
    public async Task A_placeholder_keeps_its_csharp_spelling_where_peers_dash_case_it()
    {
        dynamic wx = Client.Root;

        await wx.V3.Payscore.SmartretailOrders._outOrderNo_.GetAsync(new { outOrderNo = "NO1" });

        Assert.That(Stub.Last.Target, Is.EqualTo("/v3/payscore/smartretail-orders/NO1"));
        Assert.That(() => wx.V3.Payscore.SmartretailOrders._outOrderNo_.Get(new { out_order_no = "NO1" }),
            Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("{outOrderNo}"), "the value goes by the placeholder's own name");
    }

    [Test]
    public async Task Chain_keeps_the_path_as_written_where_peers_dash_case_it()
    {
        dynamic wx = Client.Root;

        await wx.Chain("v3/merchantService/complaintsV2").GetAsync();
        await wx.V3.MerchantService.ComplaintsV2.GetAsync();

        var targets = Stub.Seen.Select(request => request.Target).ToArray();
        Assert.That(targets, Is.EqualTo(new[] { "/v3/merchantService/complaintsV2", "/v3/merchant-service/complaints-v2" }));
    }
}
