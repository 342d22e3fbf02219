namespace WeChatPay.Chain.Client;

/// <summary>
/// The time one call may take — every attempt, the waits between them and the bodies read — joined with the caller's
/// cancellation, so the two can be told apart when the token fires.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    // A source (and its timer) that ended untouched is reset and kept for the thread's next call: one per thread, for calls
    // the caller cannot cancel. Nothing holds a call's token once the call is over, and a source that fired is never kept.
    [ThreadStatic] private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource _source;

    /// <param name="limit">How long the call may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="callerToken">The caller's cancellation.</param>
    public CallDeadline(TimeSpan limit, CancellationToken callerToken)
    {
        CallerToken = callerToken;
        if (callerToken.CanBeCanceled) _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        else (_source, t_spare) = (t_spare ?? new CancellationTokenSource(), null);
        _source.CancelAfter(limit);
    }

    /// <summary>Cancelled when the time is up or the caller cancels.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The caller's own token.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>Whether the time ran out, as opposed to the caller cancelling.</summary>
    public bool Passed => _source.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    /// <summary>Stops the clock.</summary>
    public void Dispose()
    {
        if (!CallerToken.CanBeCanceled && _source.TryReset()) t_spare = _source;
        else _source.Dispose();
    }
}
