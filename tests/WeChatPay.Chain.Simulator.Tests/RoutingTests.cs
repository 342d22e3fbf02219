namespace WeChatPay.Chain.Simulator.Tests;

public sealed class RoutingTests : SimulatorTest
{
    [Test]
    public async Task An_unknown_v3_path_is_a_signed_404()
    {
        var answer = await Merchant.GetAsync("/v3/pay/transactions/id/4200000000");

        Assert.That((int)answer.Status, Is.EqualTo(404));
        Assert.That(answer.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
        Assert.That(() => answer.Verify(Verifier()), Throws.Nothing);
    }

    [Test]
    public async Task A_path_outside_v3_is_a_404_even_unsigned()
    {
        using var response = await Merchant.Http.GetAsync("/favicon.ico");
        var answer = await ApiAnswer.ReadAsync(response);

        Assert.That((int)answer.Status, Is.EqualTo(404));
        Assert.That(answer.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task A_known_path_with_another_method_is_405_naming_the_allowed_method()
    {
        var answer = await Merchant.GetAsync(SmartRetail.CancelTarget("A1"));

        Assert.That((int)answer.Status, Is.EqualTo(405));
        Assert.That(answer.Header("Allow"), Is.EqualTo("POST"));
    }

    [Test]
    public async Task Route_literals_are_case_sensitive()
    {
        var answer = await Merchant.PostAsync("/v3/payscore/SmartretailOrders", SmartRetail.CreateBody("A1"));

        Assert.That((int)answer.Status, Is.EqualTo(404));
    }
}
