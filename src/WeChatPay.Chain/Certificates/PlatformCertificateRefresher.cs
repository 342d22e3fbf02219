namespace WeChatPay.Chain.Certificates;

/// <summary>
/// Keeps a client's platform certificates current: downloads them on a schedule and when a response or a notification
/// names a serial the client does not know (WeChat Pay rotating its certificate), adding new ones to <see cref="PlatformKeys"/>.
/// Refreshes run one at a time; those triggered by unknown serials at most once a minute, so a stream of bogus
/// serials cannot turn into a stream of downloads (responses and notifications share that allowance). A message is
/// never let through unverified: it is verified against the refreshed keys, or rejected.
/// </summary>
internal sealed class PlatformCertificateRefresher : IDisposable
{
    private static readonly TimeSpan MinimumGapOnDemand = TimeSpan.FromMinutes(1);

    private readonly PlatformCertificateSource _download;
    private readonly PlatformKeys _keys;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ITimer _schedule;
    private DateTimeOffset _lastOnDemand = DateTimeOffset.MinValue;

    /// <param name="download">Downloads the current certificates, synchronously or not.</param>
    /// <param name="keys">Where new certificates go.</param>
    /// <param name="time">The clock of the schedule and of the once-a-minute allowance.</param>
    /// <param name="interval">How often to download on schedule.</param>
    public PlatformCertificateRefresher(PlatformCertificateSource download, PlatformKeys keys, TimeProvider time, TimeSpan interval)
    {
        _download = download;
        _keys = keys;
        _time = time;
        _schedule = time.CreateTimer(_ => _ = RefreshOnScheduleAsync(), null, interval, interval);
    }

    /// <summary>The failure of the last refresh, or null when it succeeded.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>
    /// Refreshes because a response or notification named the unknown <paramref name="serial"/>. Callers that waited
    /// while another refresh ran find the serial it brought without downloading again. A caller cancelled (or timed
    /// out) during its download gives the minute's turn back, so the next message can still fetch the new keys.
    /// </summary>
    /// <param name="async">Whether to wait and download asynchronously; when false the returned task has completed.</param>
    /// <param name="serial">The serial the message named.</param>
    /// <param name="cancellationToken">The caller's token, which bounds the wait and the download.</param>
    public async ValueTask RefreshOnDemandAsync(bool async, string serial, CancellationToken cancellationToken)
    {
        if (async) await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        else _oneAtATime.Wait(cancellationToken);
        try
        {
            if (_keys.ContainsKey(serial) || !TakeOnDemandTurn(out var previous)) return;
            try
            {
                await AttemptAsync(async, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _lastOnDemand = previous;
                throw;
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Stops the schedule.</summary>
    public void Dispose() => _schedule.Dispose();

    private async Task RefreshOnScheduleAsync()
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            await AttemptAsync(async: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private bool TakeOnDemandTurn(out DateTimeOffset previous)
    {
        previous = _lastOnDemand;
        var now = _time.GetUtcNow();
        if (now - _lastOnDemand < MinimumGapOnDemand) return false;
        _lastOnDemand = now;
        return true;
    }

    /// <summary>
    /// Runs one download and adds the certificates it brings. Only the cancellation of the caller's
    /// <paramref name="cancellationToken"/> comes out.
    /// </summary>
    private async ValueTask AttemptAsync(bool async, CancellationToken cancellationToken)
    {
        try
        {
            _keys.Add(await _download(async, cancellationToken).ConfigureAwait(false));
            LastError = null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Any failure, the unforeseen included, is kept for diagnosis and goes no further: a refresh runs inside
            // a client call or a notification read, which must not fail with it. The message that asked for the
            // refresh is still rejected, its serial being unknown.
            LastError = e;
        }
    }
}
