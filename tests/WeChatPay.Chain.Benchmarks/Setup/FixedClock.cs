namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// A clock that always reads the instant the canned response was signed at, so the client accepts its
/// <c>Wechatpay-Timestamp</c> however long a run takes. Both the client and the baseline read it.
/// </summary>
/// <param name="now">The instant to report.</param>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;
}
