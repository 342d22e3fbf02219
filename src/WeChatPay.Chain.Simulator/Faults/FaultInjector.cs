namespace WeChatPay.Chain.Simulator.Faults;

/// <summary>
/// The faults waiting to be played, oldest first, each with how many more requests it catches; and how many have been
/// played. A request takes at most one fault: the oldest that catches its path.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(SimulatedFault Fault, int Remaining)> _pending = [];
    private int _injected;

    /// <summary>Faults played so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Requests the waiting faults will still catch, all together.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _pending.Sum(p => p.Remaining);
        }
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is not positive.</exception>
    public void Add(SimulatedFault fault, int times)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate) _pending.Add((fault, times));
    }

    public void Clear()
    {
        lock (_gate) _pending.Clear();
    }

    /// <summary>The fault for a request with this raw path, counted as played; null when none waits for it.</summary>
    public SimulatedFault? Take(string rawPath)
    {
        lock (_gate)
        {
            for (var i = 0; i < _pending.Count; i++)
            {
                var (fault, remaining) = _pending[i];
                if (!fault.Catches(rawPath)) continue;
                if (remaining == 1) _pending.RemoveAt(i);
                else _pending[i] = (fault, remaining - 1);
                _injected++;
                return fault;
            }
            return null;
        }
    }
}
