namespace WeChatPay.Chain.Simulator.Tests;

public sealed class SmartRetailCreateEdgeTests : SimulatorTest
{
    [Test]
    public async Task A_body_that_repeats_a_field_is_a_param_error()
    {
        var answer = await Merchant.SendAsync(HttpMethod.Post, SmartRetail.Path,
            $"{{\"appid\":\"{SmartRetail.AppId}\",\"appid\":\"wx2\",\"out_order_no\":\"D1\",\"service_id\":\"{SmartRetail.ServiceId}\"}}");

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
    }

    [Test]
    public async Task A_retry_with_the_same_fields_in_another_order_is_the_same_request()
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var first = await Merchant.SendAsync(HttpMethod.Post, SmartRetail.Path,
            $"{{\"appid\":\"{SmartRetail.AppId}\",\"out_order_no\":\"{outOrderNo}\",\"service_id\":\"{SmartRetail.ServiceId}\"}}");
        var second = await Merchant.SendAsync(HttpMethod.Post, SmartRetail.Path,
            $"{{\"service_id\":\"{SmartRetail.ServiceId}\",\"out_order_no\":\"{outOrderNo}\",\"appid\":\"{SmartRetail.AppId}\"}}");

        Assert.That((int)second.Status, Is.EqualTo(200), second.ToString());
        Assert.That(second.Json["order_id"]!.GetValue<string>(), Is.EqualTo(first.Json["order_id"]!.GetValue<string>()));
    }
}
