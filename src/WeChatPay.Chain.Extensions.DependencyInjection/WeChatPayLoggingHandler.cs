using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// The outermost step: one log line per call, after any retries, with the method, the path (no query string), the
/// status, the duration and WeChat Pay's <c>Request-ID</c>, which its support asks for. Bodies and headers are never
/// logged: they carry personal data, the <c>Authorization</c> signature and encrypted fields.
/// </summary>
internal sealed partial class WeChatPayLoggingHandler : DelegatingHandler
{
    /// <summary>The logger category, for filtering (<c>"Logging": { "LogLevel": { "WeChatPay.Chain": "Warning" } }</c>).</summary>
    public const string Category = "WeChatPay.Chain.Http";

    private readonly ILogger _log;
    private readonly string _client;

    public WeChatPayLoggingHandler(ILogger log, string name)
    {
        _log = log;
        _client = name == WeChatPayRegistry.DefaultName ? "(unnamed)" : name;
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = base.Send(request, cancellationToken);
            Answered(request, response, started);
            return response;
        }
        catch (Exception e) when (Failed(request, e, started, cancellationToken))
        {
            throw;
        }
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Answered(request, response, started);
            return response;
        }
        catch (Exception e) when (Failed(request, e, started, cancellationToken))
        {
            throw;
        }
    }

    private void Answered(HttpRequestMessage request, HttpResponseMessage response, long started)
    {
        var status = (int)response.StatusCode;
        var requestId = response.Headers.TryGetValues(WeChatPayHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null;
        LogAnswered(_log, status < 400 ? LogLevel.Information : LogLevel.Warning, _client, request.Method.Method, PathOf(request), status,
            Milliseconds(started), requestId ?? "-");
    }

    /// <summary>Logs the failure and returns false, so the exception goes on untouched (an exception filter, not a catch).</summary>
    private bool Failed(HttpRequestMessage request, Exception e, long started, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            LogCancelled(_log, _client, request.Method.Method, PathOf(request), Milliseconds(started));
        else
            LogFailed(_log, e, _client, request.Method.Method, PathOf(request), Milliseconds(started), e.GetType().Name);
        return false;
    }

    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? "";

    private static long Milliseconds(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    [LoggerMessage(EventId = 1, Message = "WeChat Pay {Client}: {Method} {Path} -> {Status} in {ElapsedMs} ms, Request-ID {RequestId}")]
    private static partial void LogAnswered(ILogger logger, LogLevel level, string client, string method, string path, int status, long elapsedMs, string requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "WeChat Pay {Client}: {Method} {Path} failed after {ElapsedMs} ms: {Failure}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string client, string method, string path, long elapsedMs, string failure);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "WeChat Pay {Client}: {Method} {Path} cancelled by the caller after {ElapsedMs} ms")]
    private static partial void LogCancelled(ILogger logger, string client, string method, string path, long elapsedMs);
}
