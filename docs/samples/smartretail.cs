#:property PublishAot=false
#:project ../../src/WeChatPay.Chain.Simulator/WeChatPay.Chain.Simulator.csproj

// A smart-retail order created and queried with the chained syntax, against a local WeChat Pay simulator:
//
//     dotnet run docs/samples/smartretail.cs              # starts a simulator of its own
//     dotnet run docs/samples/smartretail.cs -- ./sim     # or talks to a running `wxpay sim --profile ./sim`
//
// The simulator generates a merchant profile (keys, mchid, platform key) in a temporary directory and deletes it at
// the end; nothing leaves the machine. Against the real WeChat Pay, build the options from your own merchant
// settings instead (see docs/scripting.md) and drop the simulator.
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Simulator;

// snake_case names, so that `new { appid, service_id, out_order_no }` reads like the PHP array it was ported from.
const string appid = "wxd678efh567hg6787";
const string service_id = "500001";

var profile = Path.Combine(Path.GetTempPath(), "smartretail-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    // Given the profile directory of a simulator that already runs (`wxpay sim --profile DIR` in another shell), talk to
    // that one: its profile alone makes the client. Otherwise start one here.
    await using var wechat = args.Length > 0 ? null : await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = profile });
    var options = wechat?.Profile.ToClientOptions() ?? SimulatorProfile.Load(args[0]).ToClientOptions();
    Console.WriteLine($"simulator   {options.BaseUri} (mchid {options.MchId})");

    // Like PHP's Builder::factory($config): keys are loaded once, every request is signed, every response verified.
    dynamic wx = Builder.Factory(options);
    var out_order_no = "SCRIPT" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");

    // PHP: $instance->v3->payscore->smartretailOrders->postAsync(['json' => [...]])
    var created = await wx.V3.Payscore.SmartretailOrders.PostAsync(new
    {
        json = new { appid, service_id, out_order_no, service_introduction = "自助零售柜", service_start_time = "OnAccept", risk_amount = 10000 },
    });
    Console.WriteLine($"created     {created.Json.out_order_no} state={created.Json.state} (HTTP {created.Status}, Request-ID {created.RequestId})");

    // PHP: $instance->v3->payscore->smartretailOrders->getAsync(['query' => [...]])
    var queried = await wx.V3.Payscore.SmartretailOrders.GetAsync(new { query = new { service_id, out_order_no, appid } });
    Console.WriteLine($"queried     {queried.Json.out_order_no} state={queried.Json.state} risk_amount={queried.Json.risk_amount}");

    // The same query as a typed object rather than dynamic JSON.
    Order order = queried.ToObject<Order>();
    Console.WriteLine($"typed       {order.out_order_no} {order.state} {order.service_introduction}");
    return order.state == "CREATED" ? 0 : 1;
}
finally
{
    if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
}

/// <summary>The fields of a smart-retail order this script reads, named as on the wire.</summary>
internal sealed record Order(string out_order_no, string state, string? service_introduction);
