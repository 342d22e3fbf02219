namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ConcurrencyTests : SimulatorTest
{
    [Test]
    public async Task Four_hundred_parallel_creates_and_queries_neither_lose_nor_duplicate_orders()
    {
        var numbers = Enumerable.Range(0, 400).Select(_ => SmartRetail.NewOutOrderNo()).ToArray();

        var results = await Task.WhenAll(numbers.Select(async outOrderNo =>
        {
            var created = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(outOrderNo));
            var queried = await Merchant.GetAsync(SmartRetail.QueryTarget(outOrderNo));
            return (created, queried);
        }));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => (int)r.created.Status), Is.All.EqualTo(200));
            Assert.That(results.Select(r => (int)r.queried.Status), Is.All.EqualTo(200));
            Assert.That(Server.Orders, Has.Count.EqualTo(400));
            Assert.That(Server.Orders.Select(o => o.OrderId).Distinct().Count(), Is.EqualTo(400));
            Assert.That(Server.Orders.Select(o => o.OutOrderNo), Is.EquivalentTo(numbers));
        });
    }

    [Test]
    public async Task Parallel_creates_of_one_out_order_no_make_one_order()
    {
        var body = SmartRetail.CreateBody(SmartRetail.NewOutOrderNo());

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Merchant.PostAsync(SmartRetail.Path, body)));

        Assert.That(answers.Select(a => (int)a.Status), Is.All.EqualTo(200));
        Assert.That(answers.Select(a => a.Json["order_id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(Server.Orders, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Parallel_accepts_of_one_order_succeed_exactly_once()
    {
        var outOrderNo = await CreateOrderAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                await Server.AcceptOrderAsync(outOrderNo);
                return true;
            }
            catch (SimulatedOrderException)
            {
                return false;
            }
        }));

        Assert.That(outcomes.Count(accepted => accepted), Is.EqualTo(1));
    }
}
