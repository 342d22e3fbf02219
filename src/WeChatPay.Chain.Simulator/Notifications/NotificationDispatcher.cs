using System.Collections.Concurrent;
using System.Net.Http.Headers;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Notifications;

/// <summary>
/// Delivers notifications in the background as WeChat Pay does: POST the signed body, treat any 2xx as received,
/// and otherwise (an error status, a refused connection, a timeout) try again after each interval of the retry
/// schedule until it is used up. Every try is signed afresh, since a receiver rejects timestamps older than five
/// minutes. Disposing stops all deliveries.
/// </summary>
internal sealed class NotificationDispatcher : IAsyncDisposable
{

    private readonly SimulatorProfile _profile;
    private readonly ResponseSigner _signer;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<TimeSpan> _schedule;
    private readonly TimeSpan _timeout;
    private readonly bool _signWithPublicKeyId;
    private readonly Action<NotificationAttempt> _onAttempt;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _pending = new();
    private readonly List<NotificationAttempt> _attempts = [];
    private long _nextDelivery;

    public NotificationDispatcher(SimulatorProfile profile, ResponseSigner signer, SimulatorSettings settings, Action<NotificationAttempt> onAttempt)
    {
        _profile = profile;
        _signer = signer;
        _time = settings.TimeProvider;
        _schedule = settings.NotificationRetrySchedule.ToArray();
        _timeout = settings.NotificationTimeout;
        _signWithPublicKeyId = settings.SignNotificationsWithPublicKeyId || settings.PublicKeyMode;
        _onAttempt = onAttempt;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public IReadOnlyList<NotificationAttempt> Attempts
    {
        get
        {
            lock (_attempts) return _attempts.ToArray();
        }
    }

    /// <summary>Starts delivering one notification; returns at once.</summary>
    public void Enqueue(Uri target, PayscoreEvent payscoreEvent, SmartRetailOrderView order, System.Text.Json.Nodes.JsonObject resource)
    {
        if (_stopping.IsCancellationRequested) return;
        var (id, body) = NotificationEnvelope.Build(payscoreEvent, resource, _profile.ApiV3Key, order.Scheme, _time.GetUtcNow());
        var signingKey = order.Scheme == SignatureScheme.Sm2WithSm3 ? PlatformKey.Sm2Certificate
            : _signWithPublicKeyId ? PlatformKey.PublicKeyId
            : PlatformKey.Certificate;
        var key = Interlocked.Increment(ref _nextDelivery);
        var delivery = Task.Run(() => DeliverAsync(target, id, payscoreEvent.EventType, order.OutOrderNo, body, signingKey));
        _pending[key] = delivery;
        delivery.ContinueWith(_ => _pending.TryRemove(key, out Task? _), TaskScheduler.Default);
    }

    /// <summary>Waits until every delivery started so far has succeeded or given up.</summary>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        while (!_pending.IsEmpty)
            await Task.WhenAll(_pending.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_pending.Values).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(Uri target, string id, string eventType, string outOrderNo, byte[] body, PlatformKey signingKey)
    {
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            var (status, error) = await SendOnceAsync(target, body, signingKey).ConfigureAwait(false);
            if (_stopping.IsCancellationRequested) return;
            var succeeded = status is >= 200 and < 300;
            var isFinal = succeeded || attempt > _schedule.Count;
            Record(new NotificationAttempt(id, eventType, outOrderNo, target, attempt, status, error, succeeded, isFinal, _time.GetUtcNow()));
            if (isFinal) return;
            try
            {
                await Task.Delay(_schedule[attempt - 1], _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<(int? Status, string? Error)> SendOnceAsync(Uri target, byte[] body, PlatformKey signingKey)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in _signer.Sign(body, signingKey)) request.Headers.TryAddWithoutValidation(name, value);
        var scheme = signingKey == PlatformKey.Sm2Certificate ? SignatureScheme.Sm2WithSm3 : SignatureScheme.Rsa2048WithSha256;
        request.Headers.TryAddWithoutValidation("Wechatpay-Signature-Type", AuthorizationHeader.SchemeName(scheme));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("WeChatPay.Chain.Simulator", "1.0"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return (null, $"no answer within {_timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            return (null, "the simulator is stopping");
        }
        catch (HttpRequestException e)
        {
            return (null, e.Message);
        }
    }

    private void Record(NotificationAttempt attempt)
    {
        lock (_attempts) _attempts.Add(attempt);
        try
        {
            _onAttempt(attempt);
        }
        catch (Exception)
        {
            // An observer's failure must not stop deliveries; observers are test and CLI code.
        }
    }
}
