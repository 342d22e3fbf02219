namespace WeChatPay.Chain.Simulator.Tests;

public sealed class OrderExpiryTests : SimulatorTest
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));

    protected override ManualClock? Clock => _clock;

    private async Task<string> StateAsync(string outOrderNo)
        => (await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo))).Json["state"]!.GetValue<string>();

    [Test]
    public async Task A_created_order_expires_one_hour_after_creation()
    {
        var outOrderNo = await CreateOrderAsync();

        _clock.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        var before = await StateAsync(outOrderNo);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await StateAsync(outOrderNo);

        Assert.That(before, Is.EqualTo("CREATED"));
        Assert.That(after, Is.EqualTo("EXPIRED"));
    }

    [Test]
    public async Task An_expired_order_can_be_neither_accepted_nor_cancelled()
    {
        var outOrderNo = await CreateOrderAsync();
        _clock.Advance(TimeSpan.FromHours(2));

        var cancel = await Merchant.PostAsync(SmartRetail.CancelTarget(outOrderNo), SmartRetail.CancelBody());
        var accept = (await Assert.ThrowsAsync<SimulatedOrderException>(() => Server.AcceptOrderAsync(outOrderNo)));

        Assert.That(cancel.Code, Is.EqualTo("INVALID_REQUEST"));
        Assert.That(cancel.Json["message"]!.GetValue<string>(), Does.Contain("EXPIRED"));
        Assert.That(accept!.Message, Does.Contain("EXPIRED"));
    }

    [Test]
    public async Task An_accepted_order_does_not_expire()
    {
        var (outOrderNo, _) = await AcceptedOrderAsync();

        _clock.Advance(TimeSpan.FromHours(5));

        Assert.That(await StateAsync(outOrderNo), Is.EqualTo("USER_ACCEPTED"));
    }

    [Test]
    public async Task Orders_listing_shows_expiry_without_a_query()
    {
        var outOrderNo = await CreateOrderAsync();

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.That(Server.Orders.Single(order => order.OutOrderNo == outOrderNo).State, Is.EqualTo(SmartRetailOrderState.Expired));
    }
}
