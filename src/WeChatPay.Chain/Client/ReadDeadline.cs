namespace WeChatPay.Chain.Client;

/// <summary>
/// How long one read of a response body may wait for data. When the limit passes, the response is closed: that ends a
/// synchronous <c>Read</c>, which no token can interrupt, and an asynchronous read whose stream ignores its token. Each
/// read gets the whole limit afresh, so a long download that keeps arriving is never cut off, and one that stalls is.
/// </summary>
internal sealed class ReadDeadline : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _timer = new();
    private readonly CancellationTokenSource _readToken;
    private readonly CancellationTokenRegistration _closing;

    /// <param name="response">The response closed when a read waits too long.</param>
    /// <param name="limit">How long one read may wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">The caller's token, which also ends asynchronous reads.</param>
    public ReadDeadline(HttpResponseMessage response, TimeSpan limit, CancellationToken cancellationToken)
    {
        _limit = limit;
        _readToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
        _closing = _timer.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
    }

    /// <summary>The token for an asynchronous read: cancelled by the caller, or when the limit passes.</summary>
    public CancellationToken Token => _readToken.Token;

    /// <summary>Whether a read waited past the limit (and the response was closed).</summary>
    public bool Passed => _timer.IsCancellationRequested;

    /// <summary>The limit this deadline holds reads to.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>Starts the clock for one read.</summary>
    public void Start() => _timer.CancelAfter(_limit);

    /// <summary>Stops the clock once the read returned: writing to the destination is not the connection's time.</summary>
    public void Stop() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>Stops the clock for good.</summary>
    public void Dispose()
    {
        _closing.Dispose();
        _readToken.Dispose();
        _timer.Dispose();
    }
}
