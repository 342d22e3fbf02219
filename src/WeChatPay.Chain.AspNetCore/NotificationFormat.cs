using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// What differs between APIv3's and APIv2's notifications at the endpoint: how one is read and verified, how it is named
/// in the log, and how success and failure are answered. The rest (the bounded body, the handler, the statuses, the log
/// and <see cref="NotificationEndpointOptions.OnRejected"/>) is <see cref="NotificationEndpoint{T}"/>'s, once for both.
/// </summary>
/// <typeparam name="T">What a verified notification is read as.</typeparam>
internal abstract class NotificationFormat<T>
{
    /// <summary>Verifies and reads the notification from its raw body and the request's headers.</summary>
    /// <exception cref="WeChatPayException">It is not a verified notification.</exception>
    public abstract Task<T> ReadAsync(byte[] body, IHeaderDictionary headers, CancellationToken cancellationToken);

    /// <summary>The notification's id and kind, for the log: never its content.</summary>
    public abstract (string? Id, string? Kind) Describe(T notification);

    /// <summary>The notification a <see cref="NotificationRejection"/> carries when its handler failed; null for APIv2's.</summary>
    public abstract Notification? Rejected(T notification);

    /// <summary>The status and public message for a notification the reader refused: names the check, never a secret.</summary>
    public abstract (int StatusCode, string Message) Refusal(WeChatPayException exception);

    /// <summary>Answers a handled notification.</summary>
    public abstract Task WriteSuccessAsync(HttpResponse response, int statusCode, CancellationToken cancellationToken);

    /// <summary>Answers a refused or failed one, so that WeChat Pay sends it again.</summary>
    public abstract Task WriteFailureAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken);
}
