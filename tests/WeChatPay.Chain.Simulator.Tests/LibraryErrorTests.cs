using System.Net;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// The simulator's error answers as the library's client surfaces them: <see cref="ApiException"/> with the status,
/// the code and the detail WeChat Pay would send.
/// </summary>
public sealed class LibraryErrorTests : SimulatorTest
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override ManualClock? Clock => _clock;

    private WeChatPayClient Client()
    {
        var options = Server.Profile.ToClientOptions();
        options.TimeProvider = _clock;
        return Builder.Create(options);
    }

    private static Task<WeChatPayResponse> Create(WeChatPayClient client, string outOrderNo, string introduction = "自助货柜")
        => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new
        {
            json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId, out_order_no = outOrderNo, service_introduction = introduction },
        });

    private static object CompleteOptions(string outOrderNo, string finishTicket) => new
    {
        out_order_no = outOrderNo,
        json = new
        {
            appid = SmartRetail.AppId,
            service_id = SmartRetail.ServiceId,
            finish_type = 2,
            fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } },
            total_amount = 300,
            finish_ticket = finishTicket,
        },
    };

    [Test]
    public async Task Completing_an_order_the_user_has_not_accepted_is_an_invalid_request()
    {
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        await Create(client, outOrderNo);

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders/{out_order_no}/complete", CompleteOptions(outOrderNo, "anything"))));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.Code, Is.EqualTo("INVALID_REQUEST"));
            Assert.That(error.ErrorMessage, Does.Contain("is CREATED").And.Contain("USER_ACCEPTED"));
        });
    }

    [Test]
    public async Task The_same_out_order_no_with_other_parameters_is_an_invalid_request_naming_it()
    {
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var first = await Create(client, outOrderNo);
        var again = await Create(client, outOrderNo);

        var error = (await Assert.ThrowsAsync<ApiException>(() => Create(client, outOrderNo, "另一个货柜")));

        Assert.Multiple(() =>
        {
            Assert.That(again.Json["order_id"]!.ToString(), Is.EqualTo(first.Json["order_id"]!.ToString()), "the same parameters give the same order");
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.Code, Is.EqualTo("INVALID_REQUEST"));
            Assert.That((string?)error.Detail?["field"], Is.EqualTo("out_order_no"));
        });
    }

    [Test]
    public async Task An_order_is_found_by_query_id_and_an_unknown_query_id_is_order_not_exist()
    {
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var created = await Create(client, outOrderNo);
        var orderId = created.Json["order_id"]!.ToString();

        var found = await client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders", new { query = new { service_id = SmartRetail.ServiceId, query_id = orderId, appid = SmartRetail.AppId } });
        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders", new { query = new { service_id = SmartRetail.ServiceId, query_id = "1000000000000000000000000000000", appid = SmartRetail.AppId } })));

        Assert.Multiple(() =>
        {
            Assert.That((string?)found.Json["out_order_no"], Is.EqualTo(outOrderNo));
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(error.Code, Is.EqualTo("ORDER_NOT_EXIST"));
        });
    }

    [Test]
    public async Task A_finish_ticket_that_does_not_match_is_a_param_error_naming_it()
    {
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        await Create(client, outOrderNo);
        var accepted = await Server.AcceptOrderAsync(outOrderNo);

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders/{out_order_no}/complete", CompleteOptions(outOrderNo, accepted.FinishTicket + "0"))));

        Assert.Multiple(() =>
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That((string?)error.Detail?["field"], Is.EqualTo("finish_ticket"));
            Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.UserAccepted));
        });
    }

    [Test]
    public async Task An_order_left_an_hour_in_created_expires_and_cannot_be_cancelled()
    {
        using var client = Client();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        await Create(client, outOrderNo);
        var query = new { query = new { service_id = SmartRetail.ServiceId, out_order_no = outOrderNo, appid = SmartRetail.AppId } };

        _clock.Advance(TimeSpan.FromHours(1));
        var expired = await client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders", query);
        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders/{out_order_no}/cancel",
            new { out_order_no = outOrderNo, json = new { appid = SmartRetail.AppId, service_id = SmartRetail.ServiceId, reason = "超时" } })));

        Assert.Multiple(() =>
        {
            Assert.That((string?)expired.Json["state"], Is.EqualTo("EXPIRED"));
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.Code, Is.EqualTo("INVALID_REQUEST"));
            Assert.That(error.ErrorMessage, Does.Contain("EXPIRED"));
        });
    }
}
