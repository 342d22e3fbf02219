using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WeChatPay.Chain.Simulator.Control;
using WeChatPay.Chain.Simulator.Faults;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Notifications;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ControlEndpointTests : SimulatorTest
{
    private async Task<(int Status, JsonObject Json, HttpResponseMessage Response)> PostControlAsync(string path)
    {
        var response = await Merchant.Http.PostAsync(path, null);
        var json = (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((int)response.StatusCode, json, response);
    }

    [Test]
    public async Task Accept_over_http_moves_the_order_to_user_accepted_unsigned()
    {
        var outOrderNo = await CreateOrderAsync();

        var (status, json, response) = await PostControlAsync($"/simulator/smartretail-orders/{outOrderNo}/accept");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("USER_ACCEPTED"));
            Assert.That(json["finish_ticket"]!.GetValue<string>(), Is.EqualTo(Server.FindOrder(outOrderNo)!.FinishTicket));
            Assert.That(response.Headers.Contains("Wechatpay-Signature"), Is.False);
            Assert.That(response.Headers.Contains("Request-ID"), Is.True);
        });
        response.Dispose();
    }

    [Test]
    public async Task Pay_over_http_moves_a_finished_order_to_user_paid()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));

        var (status, json, response) = await PostControlAsync($"/simulator/smartretail-orders/{outOrderNo}/pay");
        response.Dispose();

        Assert.That(status, Is.EqualTo(200));
        Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("USER_PAID"));
    }

    [Test]
    public async Task Control_errors_carry_the_wire_codes()
    {
        var outOrderNo = await CreateOrderAsync();

        var (missingStatus, missing, first) = await PostControlAsync("/simulator/smartretail-orders/NOPE1/accept");
        var (wrongStatus, wrong, second) = await PostControlAsync($"/simulator/smartretail-orders/{outOrderNo}/pay");
        first.Dispose();
        second.Dispose();

        Assert.That(missingStatus, Is.EqualTo(404));
        Assert.That(missing["code"]!.GetValue<string>(), Is.EqualTo("ORDER_NOT_EXIST"));
        Assert.That(wrongStatus, Is.EqualTo(400));
        Assert.That(wrong["code"]!.GetValue<string>(), Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task The_order_list_shows_every_order()
    {
        var first = await CreateOrderAsync();
        var second = await CreateOrderAsync();

        var json = JsonNode.Parse(await Merchant.Http.GetStringAsync("/simulator/smartretail-orders"))!;

        Assert.That(json["data"]!.AsArray().Select(order => order!["out_order_no"]!.GetValue<string>()), Is.EquivalentTo(new[] { first, second }));
    }

    [TestCase("127.0.0.1", true)]
    [TestCase("127.8.9.10", true)]
    [TestCase("::1", true)]
    [TestCase("::ffff:127.0.0.1", true)]
    [TestCase("192.0.2.10", false)]
    [TestCase("2001:db8::1", false)]
    public void Only_loopback_addresses_pass_the_guard(string address, bool allowed)
    {
        Assert.That(LoopbackGuard.Allows(IPAddress.Parse(address)), Is.EqualTo(allowed));
    }

    [Test]
    public async Task A_control_request_from_another_machine_is_refused_with_403()
    {
        var state = new SimulatorState(TimeProvider.System, Server.Profile);
        var settings = new SimulatorSettings { ProfileDirectory = SharedProfile.Directory };
        await using var dispatcher = new NotificationDispatcher(Server.Profile, new ResponseSigner(Server.Profile, TimeProvider.System), settings, _ => { });
        var endpoints = new ControlEndpoints(new ControlOperations(new UserActions(state.Orders, TimeProvider.System, Server.Profile.MchId), dispatcher, null), state, new FaultInjector());
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        context.Request.Method = "GET";
        context.Request.Path = "/simulator/smartretail-orders";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/simulator/smartretail-orders";
        context.Response.Body = new MemoryStream();

        var request = await RawRequest.ReadAsync(context, CancellationToken.None);
        var (status, code) = await endpoints.HandleAsync(context, request, CancellationToken.None);

        Assert.That(status, Is.EqualTo(403));
        Assert.That(code, Is.EqualTo("NO_AUTH"));
    }
}
