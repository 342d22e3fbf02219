namespace WeChatPay.Chain.Client;

/// <summary>
/// The retry step of the pipeline, outside signing so that each attempt is signed anew. It repeats the same request
/// message — same path, query and body bytes — and disposes each answer it does not return.
/// </summary>
public sealed class RetryHandler : DelegatingHandler
{
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _time;

    /// <summary>Creates the step.</summary>
    public RetryHandler(RetryPolicy policy, TimeProvider? time = null)
    {
        _policy = policy;
        _time = time ?? TimeProvider.System;
    }

#if NET
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = base.Send(request, cancellationToken);
            if (!ShouldRepeat(response, attempt, out var delay)) return response;
            response.Dispose();
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
#endif

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!ShouldRepeat(response, attempt, out var delay)) return response;
            response.Dispose();
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool ShouldRepeat(HttpResponseMessage response, int attempt, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (attempt >= _policy.MaxAttempts || !RetryPolicy.Retries((int)response.StatusCode)) return false;
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        delay = _policy.DelayBefore(attempt, retryAfter);
        return true;
    }
}
