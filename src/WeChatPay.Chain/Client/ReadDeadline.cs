namespace WeChatPay.Chain.Client;

/// <summary>
/// How long one read of a response body may wait for data, and how long all of them together may take. When either
/// limit passes, or the caller cancels, the response is closed: that ends a synchronous <c>Read</c>, which no token can
/// interrupt, and an asynchronous read whose stream ignores its token. Each read gets its whole limit afresh, so a long
/// download that keeps arriving is cut off only by the overall limit, and one that stalls by the limit of a read.
/// </summary>
internal sealed class ReadDeadline : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _timer = new();
    private readonly CancellationTokenSource _whole = new();
    private readonly CancellationTokenSource _readToken;
    private readonly CancellationTokenRegistration _closing;

    /// <param name="response">The response closed when a read waits too long, the reads take too long, or the caller cancels.</param>
    /// <param name="limit">How long one read may wait; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="whole">How long all reads, and what is done between them, may take from now; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="wholeLimit">The overall limit <paramref name="whole"/> is what remains of, for messages.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public ReadDeadline(HttpResponseMessage response, TimeSpan limit, TimeSpan whole, TimeSpan wholeLimit, CancellationToken cancellationToken)
    {
        _limit = limit;
        WholeLimit = wholeLimit;
        _readToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token, _whole.Token);
        _closing = _readToken.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        if (whole == TimeSpan.Zero) _whole.Cancel();
        else _whole.CancelAfter(whole);
    }

    /// <summary>The token for an asynchronous read: cancelled by the caller, or when a limit passes.</summary>
    public CancellationToken Token => _readToken.Token;

    /// <summary>Whether a limit passed (and the response was closed).</summary>
    public bool Passed => _timer.IsCancellationRequested || _whole.IsCancellationRequested;

    /// <summary>Whether the overall limit passed.</summary>
    public bool WholePassed => _whole.IsCancellationRequested;

    /// <summary>The limit this deadline holds each read to.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>The limit on the whole download.</summary>
    public TimeSpan WholeLimit { get; }

    /// <summary>Starts the clock for one read.</summary>
    public void Start() => _timer.CancelAfter(_limit);

    /// <summary>Stops the clock once the read returned: writing to the destination is not the connection's time.</summary>
    public void Stop() => _timer.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <summary>Stops the clocks for good.</summary>
    public void Dispose()
    {
        _closing.Dispose();
        _readToken.Dispose();
        _timer.Dispose();
        _whole.Dispose();
    }
}
