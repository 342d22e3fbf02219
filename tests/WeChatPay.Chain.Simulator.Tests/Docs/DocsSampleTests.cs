// The sample of docs/simulator.md, verbatim but for the class name: if it stops compiling or passing, so does the doc.
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Simulator.Tests.Docs;

[TestFixture]
public class DocsSampleTests
{
    private string _dir = null!;
    private SimulatorServer _wechat = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _dir = Path.Combine(Path.GetTempPath(), "sim-" + Guid.NewGuid().ToString("N"));
        _wechat = await SimulatorServer.StartAsync(new SimulatorSettings
        {
            ProfileDirectory = _dir,                                  // generated on first use
            NotifyUrl = new Uri("http://127.0.0.1:5005/notify"),     // your app's callback, if it has one
            NotificationRetrySchedule = [TimeSpan.FromMilliseconds(50)],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _wechat.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task An_order_is_paid()
    {
        dynamic wx = Builder.Factory(_wechat.Profile.ToClientOptions());
        var ids = new { appid = "wxd678efh567hg6787", service_id = "500001" };
        await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { ids.appid, ids.service_id, out_order_no = "T1" } });

        await _wechat.AcceptOrderAsync("T1");                         // what the user does in WeChat
        var order = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { ids.service_id, out_order_no = "T1", ids.appid } });
        await wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.PostAsync(new
        {
            out_order_no = "T1",
            json = new
            {
                ids.appid, ids.service_id, finish_type = 2, total_amount = 300,
                fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } },
                finish_ticket = (string)order.Json.finish_ticket,
            },
        });
        await _wechat.PayOrderAsync("T1");                            // the deduction succeeds
        await _wechat.WaitForNotificationsAsync();

        Assert.That(_wechat.FindOrder("T1")!.State, Is.EqualTo(SmartRetailOrderState.UserPaid));
    }
}
