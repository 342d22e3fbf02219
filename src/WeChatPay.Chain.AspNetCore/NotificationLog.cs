using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// What the notification endpoint logs. Ids, event types, statuses and reasons only: never the body, the decrypted
/// resource, a signature or a key.
/// </summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "WeChat Pay notification {NotificationId} ({EventType}) verified and handled; answered {StatusCode}")]
    public static partial void Handled(ILogger logger, string? notificationId, string? eventType, int statusCode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "WeChat Pay notification from {RemoteAddress} rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, string? remoteAddress, int statusCode, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "WeChat Pay notification from {RemoteAddress} rejected with 413: the body is over {Limit} bytes")]
    public static partial void TooLarge(ILogger logger, string? remoteAddress, long limit);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "The handler failed for WeChat Pay notification {NotificationId} ({EventType}); answered 500, so WeChat Pay will send it again")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string? notificationId, string? eventType);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "The handler failed for WeChat Pay notification {NotificationId} ({EventType}) after it had started the response; the answer could not be changed to 500")]
    public static partial void HandlerFailedAfterResponseStarted(ILogger logger, Exception exception, string? notificationId, string? eventType);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "The caller went away while WeChat Pay notification {NotificationId} was being handled")]
    public static partial void Abandoned(ILogger logger, string? notificationId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "NotificationEndpointOptions.OnRejected threw; the rejection was answered anyway")]
    public static partial void RejectionObserverFailed(ILogger logger, Exception exception);
}
