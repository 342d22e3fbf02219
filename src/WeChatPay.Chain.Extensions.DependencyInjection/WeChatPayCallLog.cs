using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// One log line per call, after any retries, from the call's record: the method, the path (no query string), the
/// status, the duration and WeChat Pay's <c>Request-ID</c>, which its support asks for. Bodies and headers are never
/// logged: they carry personal data, the <c>Authorization</c> signature and encrypted fields.
/// </summary>
internal sealed partial class WeChatPayCallLog
{
    /// <summary>The logger category, for filtering (<c>"Logging": { "LogLevel": { "WeChatPay.Chain": "Warning" } }</c>).</summary>
    public const string Category = "WeChatPay.Chain.Http";

    private readonly ILogger _log;
    private readonly string _client;

    public WeChatPayCallLog(ILogger log, string name)
    {
        _log = log;
        _client = name == WeChatPayRegistry.DefaultName ? "(unnamed)" : name;
    }

    /// <summary>Writes the line for a call that has ended.</summary>
    public void Write(WeChatPayCall call)
    {
        var path = call.RequestUri?.AbsolutePath ?? "";
        var elapsed = (long)(call.Duration ?? TimeSpan.Zero).TotalMilliseconds;
        switch (call.Exception)
        {
            case null or ApiException when call.Response is { } response:
                LogAnswered(_log, response.Status < 400 ? LogLevel.Information : LogLevel.Warning, _client, call.Method, path, response.Status, elapsed, response.RequestId ?? "-");
                break;
            case OperationCanceledException:
                LogCancelled(_log, _client, call.Method, path, elapsed);
                break;
            case { } failure:
                LogFailed(_log, failure, _client, call.Method, path, elapsed, failure.GetType().Name);
                break;
        }
    }

    [LoggerMessage(EventId = 1, Message = "WeChat Pay {Client}: {Method} {Path} -> {Status} in {ElapsedMs} ms, Request-ID {RequestId}")]
    private static partial void LogAnswered(ILogger logger, LogLevel level, string client, string method, string path, int status, long elapsedMs, string requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "WeChat Pay {Client}: {Method} {Path} failed after {ElapsedMs} ms: {Failure}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string client, string method, string path, long elapsedMs, string failure);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "WeChat Pay {Client}: {Method} {Path} cancelled by the caller after {ElapsedMs} ms")]
    private static partial void LogCancelled(ILogger logger, string client, string method, string path, long elapsedMs);
}
