#:property PublishAot=false
#:project ../../src/WeChatPay.Chain.Simulator/WeChatPay.Chain.Simulator.csproj

// Both ends of a smart-retail order, against a local WeChat Pay simulator (docs/smartretail.md):
//
//     dotnet run docs/samples/smartretail-full.cs
//
// create → the user confirms → complete → the deduction, and create → cancel, querying the order after each step.
// The simulator generates a merchant profile in a temporary directory and deletes it at the end; nothing leaves the
// machine. Against the real WeChat Pay, build the options from your own merchant settings and drop the simulator: the
// user's side (confirming, paying) then happens in WeChat.
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Simulator;

const string appid = "wxd678efh567hg6787";
const string service_id = "500001";

var profile = Path.Combine(Path.GetTempPath(), "smartretail-full-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    await using var simulator = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = profile });
    Console.WriteLine($"simulator   {simulator.BaseUri} (mchid {simulator.Profile.MchId})");
    dynamic wx = Builder.Factory(simulator.Profile.ToClientOptions());
    var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
    var ok = true;

    // The order's state as the query shows it, printed, and checked against what it should be.
    async Task<WeChatPayResponse> ExpectAsync(string step, string out_order_no, string state)
    {
        WeChatPayResponse order = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
        var actual = (string?)order.Json["state"];
        ok &= actual == state;
        Console.WriteLine($"{step,-11} {out_order_no} state={actual}{(actual == state ? "" : $" (expected {state})")}");
        return order;
    }

    // 1. Paid: create, the user confirms, complete with the items taken, the deduction.
    var paid = "FULL" + stamp;
    await wx.V3.Payscore.SmartretailOrders.PostAsync(new
    {
        json = new
        {
            appid, service_id, out_order_no = paid,
            service_introduction = "自助零售柜", service_start_time = "OnAccept", risk_amount = 10000,
            fees = new[] { new { fee_name = "饮料" }, new { fee_name = "面包" } },
        },
    });
    await ExpectAsync("created", paid, "CREATED");

    await simulator.AcceptOrderAsync(paid);
    var accepted = await ExpectAsync("confirmed", paid, "USER_ACCEPTED");

    await wx.V3.Payscore.SmartretailOrders._out_order_no_.Complete.PostAsync(new
    {
        out_order_no = paid,
        json = new
        {
            appid, service_id, finish_type = 2,
            fees = new[] { new { fee_name = "饮料", fee_count = 2, fee_amount = 600 }, new { fee_name = "面包", fee_count = 1, fee_amount = 850 } },
            discounts = new[] { new { discount_name = "新客立减", discount_amount = 50 } },
            total_amount = 1400,
            finish_ticket = (string?)accepted.Json["finish_ticket"],
        },
    });
    await ExpectAsync("completed", paid, "FINISHED");

    await simulator.PayOrderAsync(paid);
    var settled = await ExpectAsync("paid", paid, "USER_PAID");
    Console.WriteLine($"            total_amount={settled.Json["total_amount"]} fen, finish_transaction_id={settled.Json["finish_transaction_id"]}");

    // 2. Cancelled before the user confirms, in the declarative style this time.
    var cancelled = "GONE" + stamp;
    await wx.Chain("v3/payscore/smartretail-orders").PostAsync(new { json = new { appid, service_id, out_order_no = cancelled } });
    await ExpectAsync("created", cancelled, "CREATED");
    await wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/cancel").PostAsync(new
    {
        out_order_no = cancelled,
        json = new { appid, service_id, reason = "用户未取货" },
    });
    await ExpectAsync("cancelled", cancelled, "REVOKED");

    // 3. Refused: a second cancel finds the order REVOKED.
    try
    {
        await wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/cancel").PostAsync(new
        {
            out_order_no = cancelled,
            json = new { appid, service_id, reason = "用户未取货" },
        });
        ok = false;
    }
    catch (ApiException e)
    {
        ok &= e.Code == "INVALID_REQUEST";
        Console.WriteLine($"refused     {(int)e.StatusCode} {e.Code}: {e.ErrorMessage}");
    }
    return ok ? 0 : 1;
}
finally
{
    if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
}
