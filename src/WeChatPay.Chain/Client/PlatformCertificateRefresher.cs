using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain;

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

    private readonly PlatformCertificateDownloader _downloader;
    private readonly PlatformKeys _keys;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly ITimer _schedule;
    private DateTimeOffset _lastOnDemand = DateTimeOffset.MinValue;

    public PlatformCertificateRefresher(PlatformCertificateDownloader downloader, PlatformKeys keys, TimeProvider time, TimeSpan interval)
    {
        _downloader = downloader;
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
    public async Task RefreshOnDemandAsync(string serial, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await OnDemandAsync(serial, () => _downloader.DownloadAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The synchronous form of <see cref="RefreshOnDemandAsync"/>, for the synchronous API; the call's token bounds it.</summary>
    public void RefreshOnDemand(string serial, CancellationToken cancellationToken)
    {
        _oneAtATime.Wait(cancellationToken);
        try
        {
            // The download is synchronous, so the task this returns has already completed.
            OnDemandAsync(serial, () => Task.FromResult(_downloader.Download(cancellationToken)), cancellationToken).GetAwaiter().GetResult();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Downloads unless the serial arrived meanwhile or the minute's turn is spent; the caller's cancellation gives the turn back.</summary>
    private async Task OnDemandAsync(string serial, Func<Task<IReadOnlyList<PlatformCertificate>>> download, CancellationToken cancellationToken)
    {
        if (_keys.ContainsKey(serial) || !TakeOnDemandTurn(out var previous)) return;
        try
        {
            await Attempt(download, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _lastOnDemand = previous;
            throw;
        }
    }

    public void Dispose()
    {
        _schedule.Dispose();
        _downloader.Dispose();
    }

    private async Task RefreshOnScheduleAsync()
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            await Attempt(() => _downloader.DownloadAsync(), CancellationToken.None).ConfigureAwait(false);
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
    private async Task Attempt(Func<Task<IReadOnlyList<PlatformCertificate>>> download, CancellationToken cancellationToken)
    {
        try
        {
            _keys.Add(await download().ConfigureAwait(false));
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
