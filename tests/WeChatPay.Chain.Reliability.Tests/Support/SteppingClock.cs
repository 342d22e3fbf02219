namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>
/// The system clock, one second further on each time it is read (at most a few dozen times a test, well inside the
/// 300-second window), so that two signatures made in the same second still carry different timestamps.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private long _steps;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddSeconds(Interlocked.Increment(ref _steps));
}
