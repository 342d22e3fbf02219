namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// A clock that stands still until moved. Only the time is manual: timers (notification retry waits) still run on real
/// time, so tests can move the clock by hours and still see retries within milliseconds.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public ManualClock(DateTimeOffset start) => _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
