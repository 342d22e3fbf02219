namespace WeChatPay.Chain.Simulator.Tests;

public sealed class SmartRetailQueryTests : SimulatorTest
{
    [Test]
    public async Task Query_by_out_order_no_returns_the_order_as_created()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo));

        var json = answer.Json;
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
            Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("CREATED"));
            Assert.That(json["out_order_no"]!.GetValue<string>(), Is.EqualTo(outOrderNo));
            Assert.That(json["mchid"]!.GetValue<string>(), Is.EqualTo(Server.Profile.MchId));
            Assert.That(json["service_introduction"]!.GetValue<string>(), Is.EqualTo("自助货柜"));
            Assert.That(json["risk_amount"]!.GetValue<long>(), Is.EqualTo(10000));
            Assert.That(json["attach"]!.GetValue<string>(), Is.EqualTo("shelf-7"));
            Assert.That(json["fees"]![0]!["fee_amount"]!.GetValue<long>(), Is.EqualTo(300));
            Assert.That(json.ContainsKey("finish_ticket"), Is.False, "no finish_ticket before the user accepts");
        });
    }

    [Test]
    public async Task Chinese_text_comes_back_as_utf8_not_escaped()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo));

        Assert.That(answer.Text, Does.Contain("自助货柜"));
    }

    [Test]
    public async Task Query_by_query_id_finds_the_order_by_its_order_id()
    {
        var outOrderNo = await CreateOrderAsync();
        var orderId = Server.FindOrder(outOrderNo)!.OrderId;

        var answer = await Merchant.GetAsync($"{SmartRetail.Path}?service_id={SmartRetail.ServiceId}&query_id={orderId}&appid={SmartRetail.AppId}");

        Assert.That(answer.Json["out_order_no"]?.GetValue<string>(), Is.EqualTo(outOrderNo), answer.ToString());
    }

    [Test]
    public async Task Query_after_the_user_accepts_shows_the_finish_ticket()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();

        var json = (await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo))).Json;

        Assert.That(json["state"]!.GetValue<string>(), Is.EqualTo("USER_ACCEPTED"));
        Assert.That(json["finish_ticket"]!.GetValue<string>(), Is.EqualTo(ticket).And.Not.Empty);
    }

    [Test]
    public async Task Query_of_an_unknown_order_is_order_not_exist()
    {
        var answer = await Merchant.GetAsync(SmartRetail.QueryTarget("NOPE1"));

        Assert.That((int)answer.Status, Is.EqualTo(404));
        Assert.That(answer.Code, Is.EqualTo("ORDER_NOT_EXIST"));
    }

    [Test]
    public async Task Query_without_service_id_is_a_param_error()
    {
        var answer = await Merchant.GetAsync($"{SmartRetail.Path}?out_order_no=A1&appid={SmartRetail.AppId}");

        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("service_id"));
        Assert.That(answer.Json["detail"]!["location"]!.GetValue<string>(), Is.EqualTo("query"));
    }

    [Test]
    public async Task Query_with_both_out_order_no_and_query_id_is_a_param_error()
    {
        var answer = await Merchant.GetAsync($"{SmartRetail.Path}?service_id={SmartRetail.ServiceId}&out_order_no=A1&query_id=1&appid={SmartRetail.AppId}");

        Assert.That((int)answer.Status, Is.EqualTo(400));
        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
    }

    [Test]
    public async Task Query_with_another_appid_is_an_invalid_request_naming_appid()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.GetAsync($"{SmartRetail.Path}?service_id={SmartRetail.ServiceId}&out_order_no={outOrderNo}&appid=wx0000000000000000");

        Assert.That(answer.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("appid"));
    }
}
