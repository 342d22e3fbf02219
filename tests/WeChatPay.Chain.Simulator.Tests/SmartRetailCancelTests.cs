namespace WeChatPay.Chain.Simulator.Tests;

public sealed class SmartRetailCancelTests : SimulatorTest
{
    [Test]
    public async Task Cancel_revokes_a_created_order()
    {
        var outOrderNo = await CreateOrderAsync();

        var answer = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), SmartRetail.CancelBody());

        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
            Assert.That(answer.Json["out_order_no"]!.GetValue<string>(), Is.EqualTo(outOrderNo));
            Assert.That(answer.Json["order_id"]!.GetValue<string>(), Is.EqualTo(Server.FindOrder(outOrderNo)!.OrderId));
            Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.Revoked));
        });
    }

    [Test]
    public async Task Cancel_after_the_user_accepted_is_an_invalid_request()
    {
        var (outOrderNo, _) = await AcceptedOrderAsync();

        var answer = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), SmartRetail.CancelBody());

        Assert.That((int)answer.Status, Is.EqualTo(400));
        Assert.That(answer.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("USER_ACCEPTED"));
        Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.UserAccepted));
    }

    [Test]
    public async Task Cancel_twice_is_an_invalid_request()
    {
        var outOrderNo = await CreateOrderAsync();
        await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), SmartRetail.CancelBody());

        var again = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), SmartRetail.CancelBody());

        Assert.That(again.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task Cancel_of_an_unknown_order_is_order_not_exist()
    {
        var answer = await Merchant.PostAsync(SmartRetail.CancelTarget("NOPE1"), SmartRetail.CancelBody());

        Assert.That((int)answer.Status, Is.EqualTo(404));
        Assert.That(answer.Code, Is.EqualTo("ORDER_NOT_EXIST"));
    }

    [Test]
    public async Task Cancel_without_a_reason_is_a_param_error()
    {
        var outOrderNo = await CreateOrderAsync();
        var body = SmartRetail.CancelBody();
        body.Remove("reason");

        var answer = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), body);

        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("reason"));
        Assert.That(Server.FindOrder(outOrderNo)!.State, Is.EqualTo(SmartRetailOrderState.Created));
    }

    [Test]
    public async Task Cancel_with_another_service_id_is_an_invalid_request_naming_it()
    {
        var outOrderNo = await CreateOrderAsync();
        var body = SmartRetail.CancelBody();
        body["service_id"] = "999999";

        var answer = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), body);

        Assert.That(answer.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("service_id"));
    }

    [Test]
    public async Task Cancel_with_a_bad_out_order_no_in_the_path_is_a_param_error()
    {
        var answer = await Merchant.PostAsync(SmartRetail.Path + "/A%2FB/cancel", SmartRetail.CancelBody());

        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"), answer.ToString());
        Assert.That(answer.Json["detail"]!["location"]!.GetValue<string>(), Is.EqualTo("path"));
    }
}
