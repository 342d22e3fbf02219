namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>The system clock, off by a fixed amount: a merchant server whose clock is wrong.</summary>
internal sealed class ShiftedClock(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
}
