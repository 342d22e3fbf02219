namespace WeChatPay.Chain.Simulator.Tests;

public sealed class SmartRetailCompleteTests : SimulatorTest
{
    private static void AssertParamError(ApiAnswer answer, string field)
    {
        Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"), answer.ToString());
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo(field), answer.ToString());
    }

    [Test]
    public async Task Complete_with_finish_type_2_finishes_the_order_with_its_amounts()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();

        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(answer.Json["out_order_no"]!.GetValue<string>(), Is.EqualTo(outOrderNo));
        var query = (await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo))).Json;
        Assert.Multiple(() =>
        {
            Assert.That(query["state"]!.GetValue<string>(), Is.EqualTo("FINISHED"));
            Assert.That(query["finish_type"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(query["total_amount"]!.GetValue<long>(), Is.EqualTo(450));
            Assert.That(query["fees"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(query["discounts"]![0]!["discount_amount"]!.GetValue<long>(), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task Complete_with_finish_type_1_revokes_the_order()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = new Dictionary<string, object?>
        {
            ["appid"] = SmartRetail.AppId, ["service_id"] = SmartRetail.ServiceId, ["finish_type"] = 1,
            ["cancel_reason"] = "未取商品", ["finish_ticket"] = ticket,
        };

        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        var query = (await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo))).Json;
        Assert.That(query["state"]!.GetValue<string>(), Is.EqualTo("REVOKED"));
        Assert.That(query["finish_type"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Finish_type_1_without_a_cancel_reason_is_a_param_error()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = new Dictionary<string, object?> { ["appid"] = SmartRetail.AppId, ["service_id"] = SmartRetail.ServiceId, ["finish_type"] = 1, ["finish_ticket"] = ticket };

        AssertParamError(await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body), "cancel_reason");
    }

    [TestCase(0)]
    [TestCase(3)]
    public async Task A_finish_type_other_than_1_or_2_is_a_param_error(int finishType)
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = SmartRetail.CompleteBody(ticket);
        body["finish_type"] = finishType;

        AssertParamError(await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body), "finish_type");
    }

    [Test]
    public async Task Complete_before_the_user_accepts_is_an_invalid_request()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody("no-ticket-yet"));

        Assert.That(answer.Code, Is.EqualTo("INVALID_REQUEST"), answer.ToString());
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("CREATED"));
    }

    [Test]
    public async Task Complete_with_another_finish_ticket_is_a_param_error_and_changes_nothing()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();

        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket + "x"));

        AssertParamError(answer, "finish_ticket");
        Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.UserAccepted));
    }

    [TestCase(449)]
    [TestCase(500)]
    public async Task A_total_other_than_fees_less_discounts_is_a_param_error(int total)
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = SmartRetail.CompleteBody(ticket);
        body["total_amount"] = total;

        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body);

        AssertParamError(answer, "total_amount");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("450"));
    }

    [Test]
    public async Task More_than_five_discounts_at_completion_is_a_param_error()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = SmartRetail.CompleteBody(ticket);
        body["discounts"] = Enumerable.Range(1, 6).Select(i => new Dictionary<string, object> { ["discount_name"] = $"优惠{i}", ["discount_amount"] = 0 }).ToArray();

        AssertParamError(await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body), "discounts");
    }

    [Test]
    public async Task A_discount_without_an_amount_at_completion_is_a_param_error()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = SmartRetail.CompleteBody(ticket);
        body["discounts"] = new[] { new Dictionary<string, object> { ["discount_name"] = "满减" } };

        AssertParamError(await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body), "discounts[0].discount_amount");
    }

    [Test]
    public async Task Finish_type_2_without_fees_is_a_param_error()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        var body = SmartRetail.CompleteBody(ticket);
        body.Remove("fees");

        AssertParamError(await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), body), "fees");
    }

    [Test]
    public async Task Complete_twice_is_an_invalid_request()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));

        var again = await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));

        Assert.That(again.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(again.Json["message"]!.GetValue<string>(), Does.Contain("FINISHED"));
    }

    [Test]
    public async Task Complete_of_an_unknown_order_is_order_not_exist()
    {
        var answer = await Merchant.PostAsync(SmartRetail.CompleteTarget("NOPE1"), SmartRetail.CompleteBody("t"));

        Assert.That(answer.Code, Is.EqualTo("ORDER_NOT_EXIST"));
    }

    [Test]
    public async Task Paying_a_finished_order_makes_it_user_paid_with_a_transaction()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));

        var paid = await Server.PayOrderAsync(outOrderNo);

        Assert.That(paid.State, Is.EqualTo(SmartRetailOrderState.UserPaid));
        var query = (await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo))).Json;
        Assert.Multiple(() =>
        {
            Assert.That(query["state"]!.GetValue<string>(), Is.EqualTo("USER_PAID"));
            Assert.That(query["finish_transaction_id"]!.GetValue<string>(), Does.Match("^[0-9]{28}$"));
            Assert.That(query["pay_succ_time"]!.GetValue<string>(), Does.Match("^[0-9]{14}$"));
        });
    }

    [Test]
    public async Task Paying_an_order_that_is_not_finished_is_refused()
    {
        var (outOrderNo, _) = await AcceptedOrderAsync();

        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.PayOrderAsync(outOrderNo)));

        Assert.That(error!.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(error.Message, Does.Contain("USER_ACCEPTED"));
    }

    [Test]
    public async Task Accepting_twice_is_refused()
    {
        var (outOrderNo, _) = await AcceptedOrderAsync();

        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.AcceptOrderAsync(outOrderNo)));

        Assert.That(error!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task Accepting_an_unknown_order_is_order_not_exist()
    {
        var error = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.AcceptOrderAsync("NOPE1")));

        Assert.That(error!.Code, Is.EqualTo("ORDER_NOT_EXIST"));
    }
}
