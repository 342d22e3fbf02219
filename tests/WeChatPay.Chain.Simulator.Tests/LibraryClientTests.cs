using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>The library's own client against the simulator, end to end: signing, verification, errors.</summary>
public sealed class LibraryClientTests : SimulatorTest
{
    [Test]
    public async Task The_chained_client_creates_queries_and_cancels_an_order()
    {
        dynamic wx = Builder.Factory(Server.Profile.ToClientOptions());
        var outOrderNo = SmartRetail.NewOutOrderNo();

        WeChatPayResponse created = await wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = new { appid = SmartRetail.AppId, out_order_no = outOrderNo, service_id = SmartRetail.ServiceId } });
        WeChatPayResponse queried = await wx["v3/payscore/smartretail-orders"].GetAsync(new { query = new { service_id = SmartRetail.ServiceId, out_order_no = outOrderNo, appid = SmartRetail.AppId } });
        WeChatPayResponse cancelled = await wx.Chain("v3/payscore/smartretail-orders/{out_order_no}/cancel").PostAsync(new { out_order_no = outOrderNo, json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId, reason = "测试" } });

        Assert.Multiple(() =>
        {
            Assert.That(created.Json.Value<string>("state"), Is.EqualTo("CREATED"));
            Assert.That(queried.Json.Value<string>("out_order_no"), Is.EqualTo(outOrderNo));
            Assert.That(cancelled.Status, Is.EqualTo(200));
            Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.Revoked));
        });
    }

    [Test]
    public async Task The_client_surfaces_simulator_errors_as_api_exceptions()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId } })));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(error.RequestId, Is.Not.Null.And.Not.Empty);
        Assert.That(error.Detail?["field"]?.Value<string>(), Is.EqualTo("out_order_no"));
    }

    [Test]
    public async Task Out_order_numbers_with_reserved_characters_round_trip_through_the_path()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());
        var outOrderNo = "A|B*" + SmartRetail.NewOutOrderNo()[..10];
        await client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { appid = SmartRetail.AppId, out_order_no = outOrderNo, service_id = SmartRetail.ServiceId } });

        var cancelled = await client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders/{out_order_no}/cancel",
            new { out_order_no = outOrderNo, json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId, reason = "测试" } });

        Assert.That(cancelled.Json.Value<string>("out_order_no"), Is.EqualTo(outOrderNo));
    }

    [Test]
    public async Task The_client_verifies_under_the_public_key_id_alone()
    {
        var options = Server.Profile.ToClientOptions();
        options.Certs = new Dictionary<string, object> { [Server.Profile.PublicKeyId] = options.Certs[Server.Profile.PublicKeyId] };
        using var client = Builder.Create(options);

        var response = await client.SendAsync(HttpMethod.Get, "v3/certificates", new { headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = Server.Profile.PublicKeyId } });

        Assert.That(response.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.PublicKeyId));
        Assert.That(response.Json["data"], Is.InstanceOf<JArray>());
    }
}
