namespace WeChatPay.Chain.Tests.Support;

/// <summary>A clock that stands still until moved.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public long Seconds => Now.ToUnixTimeSeconds();

    public override DateTimeOffset GetUtcNow() => Now;
}
