using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.NetworkInformation;
using WeChatPay.Chain.Reliability.Tests.Support;

namespace WeChatPay.Chain.Reliability.Tests.Load;

/// <summary>
/// One shared client, thousands of concurrent creates and queries against the simulator: every call answered and
/// verified, no error, no order lost or made twice, memory and open connections flat from round to round.
/// </summary>
public class SharedClientLoadTests
{
    /// <summary>Slack for the garbage collector's own noise between two query rounds; a leak of 2 KB a call (1,100 calls between the first and last) would exceed it.</summary>
    private const long MemoryTolerance = 2 * 1024 * 1024;

    /// <summary>
    /// The pool may open a few connections more than calls in flight: a call waiting for one starts a connection, then
    /// takes another that came free first, and the new one joins the pool anyway.
    /// </summary>
    private const int ConnectionSlack = LoadFigures.InFlight / 20;

    [Test]
    [CancelAfter(120_000)]
    public async Task One_shared_client_serves_thousands_of_concurrent_calls_losing_and_duplicating_no_order()
    {
        await using var simulator = await Simulators.StartAsync();
        var nonces = new ConcurrentDictionary<string, int>();
        var answeredOk = 0;
        simulator.RequestHandled += (_, exchange) =>
        {
            if (exchange.Status == 200) Interlocked.Increment(ref answeredOk);
            if (exchange.Nonce is { } nonce) nonces.AddOrUpdate(nonce, 1, (_, seen) => seen + 1);
        };
        using var client = new WeChatPayClient(simulator.Profile.ToClientOptions());
        var created = new ConcurrentDictionary<string, string>();
        var failures = new ConcurrentQueue<string>();
        var memory = new List<long>();
        var connections = new List<int>();
        var calls = 0;
        var clock = Stopwatch.StartNew();

        async Task<string> CreateAsync(string number)
        {
            var order = await client.SendAsync(HttpMethod.Post, SmartRetail.Path, SmartRetail.Create(number));
            Interlocked.Increment(ref calls);
            var orderId = (string)order.Json["order_id"]!;
            var first = created.GetOrAdd(number, orderId);
            if (first != orderId) failures.Enqueue($"{number} created twice: {first} and {orderId}");
            return orderId;
        }

        async Task QueryAsync(string number, string orderId)
        {
            var queried = await client.SendAsync(HttpMethod.Get, SmartRetail.Path, SmartRetail.Query(number));
            Interlocked.Increment(ref calls);
            if ((string?)queried.Json["order_id"] != orderId || (string?)queried.Json["state"] != "CREATED")
                failures.Enqueue($"{number} queried as {queried.Text}");
        }

        async Task Guarded(string number, Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception e)
            {
                failures.Enqueue($"{number}: {e.GetType().Name}: {e.Message}");
            }
        }

        for (var round = 0; round < LoadFigures.CreateRounds; round++)
        {
            var numbers = Enumerable.Range(0, LoadFigures.OrdersPerRound).Select(_ => SmartRetail.NewOutOrderNo()).ToArray();
            var work = numbers.Select(n => (Number: n, Query: true)).Concat(numbers.Take(LoadFigures.RepeatedCreatesPerRound).Select(n => (Number: n, Query: false))).ToArray();
            Random.Shared.Shuffle(work);
            await Task.WhenAll(work.Select(item => Task.Run(() => Guarded(item.Number, async () =>
            {
                var orderId = await CreateAsync(item.Number);
                if (item.Query) await QueryAsync(item.Number, orderId);
            }))));
            connections.Add(OpenConnections(simulator.BaseUri.Port));
        }
        for (var round = 0; round < LoadFigures.QueryRounds; round++)
        {
            var sample = created.ToArray();
            Random.Shared.Shuffle(sample);
            await Task.WhenAll(sample.Take(LoadFigures.InFlight).Select(order => Task.Run(() => Guarded(order.Key, () => QueryAsync(order.Key, order.Value)))));
            memory.Add(SettledMemory());
            connections.Add(OpenConnections(simulator.BaseUri.Port));
        }

        var orders = simulator.Orders;
        TestContext.Progress.WriteLine(
            $"{calls} calls in {clock.Elapsed.TotalSeconds:F1} s, {LoadFigures.InFlight} in flight; {orders.Count} orders; " +
            $"memory after each query round (MB): {string.Join(", ", memory.Select(m => (m / 1048576.0).ToString("F2")))}; " +
            $"open connections after each round: {string.Join(", ", connections)}; {simulator.AcceptedConnections} accepted in all");
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(10)));
            Assert.That(calls, Is.EqualTo(LoadFigures.Calls), "every call came back verified");
            Assert.That(Volatile.Read(ref answeredOk), Is.EqualTo(LoadFigures.Calls), "the simulator answered each call once, 200");
            Assert.That(nonces, Has.Count.EqualTo(LoadFigures.Calls), "every request signed with its own nonce");
            Assert.That(nonces.Values, Is.All.EqualTo(1));
            Assert.That(orders, Has.Count.EqualTo(LoadFigures.Orders), "no order lost, none made twice");
            Assert.That(orders.Select(o => o.OutOrderNo), Is.EquivalentTo(created.Keys));
            Assert.That(orders.Select(o => o.OrderId), Is.EquivalentTo(created.Values));
            Assert.That(orders.Select(o => o.OrderId).Distinct().Count(), Is.EqualTo(LoadFigures.Orders));
            Assert.That(memory[^1] - memory[0], Is.LessThan(MemoryTolerance), "memory flat from one query round to the next");
            Assert.That(connections.Max(), Is.LessThanOrEqualTo(LoadFigures.InFlight + ConnectionSlack), "about one connection per call in flight, not one per call");
            Assert.That(simulator.AcceptedConnections, Is.LessThanOrEqualTo(LoadFigures.InFlight + 2 * ConnectionSlack), "pooled connections are reused round after round, not opened anew");
        });
    }

    private static long SettledMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int OpenConnections(int port)
        => IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections().Count(c => c.RemoteEndPoint.Port == port && c.State == TcpState.Established);
}
