using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>What a simulator answered, in order, read once the expected number of exchanges is in (the event fires after the answer).</summary>
internal sealed class Transcript
{
    private readonly List<SimulatorExchange> _exchanges = [];

    public Transcript(SimulatorServer simulator) => simulator.RequestHandled += (_, exchange) =>
    {
        lock (_exchanges) _exchanges.Add(exchange);
    };

    public async Task<SimulatorExchange[]> WaitForAsync(int count)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            lock (_exchanges)
                if (_exchanges.Count >= count) return [.. _exchanges];
            await Task.Delay(25);
        }
        lock (_exchanges) return [.. _exchanges];
    }
}
