namespace WeChatPay.Chain.Client;

/// <summary>
/// When to repeat a call, following WeChat Pay's guidance: a 202 ("repeat with the same parameters"), 429 and 5xx are
/// repeated with back-off; other 4xx never are, and neither are transport failures (whether WeChat Pay acted is then
/// unknown: query first). Every attempt is signed afresh, with a new nonce and timestamp, over the same body.
/// Off unless <see cref="ClientOptions.Retry"/> is set.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Attempts in all, the first included; 3 unless set. 1 means no repeat.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait before the first repeat; each later wait doubles, with ±20% jitter. 200 ms unless set.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait, also the cap on a server's <c>Retry-After</c>. 5 seconds unless set.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether an answer with this status is repeated.</summary>
    public static bool Retries(int status) => status == 202 || status == 429 || status >= 500;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1, honouring <paramref name="retryAfter"/> up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan DelayBefore(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked) return asked < MaxDelay ? (asked < TimeSpan.Zero ? TimeSpan.Zero : asked) : MaxDelay;
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1) * (0.8 + 0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(Math.Min(exponential, MaxDelay.TotalMilliseconds));
    }

    /// <summary>Whether to repeat after <paramref name="response"/>, the answer to attempt <paramref name="attempt"/>, and after how long.</summary>
    internal bool ShouldRepeat(HttpResponseMessage response, int attempt, TimeProvider time, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (attempt >= MaxAttempts || !Retries((int)response.StatusCode)) return false;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        delay = DelayBefore(attempt, retryAfter);
        return true;
    }

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ConfigurationException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 10) throw new ConfigurationException("Retry.MaxAttempts must be 1 to 10.");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay) throw new ConfigurationException("Retry.BaseDelay must be non-negative and no more than Retry.MaxDelay.");
        if (MaxDelay > ClientSettings.LongestWait) throw new ConfigurationException("Retry.MaxDelay must be at most 24 days.");
    }
}
