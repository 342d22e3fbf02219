using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// Answers one notification POST: raw body (bounded) → verify and decrypt with the <see cref="NotificationReader"/>
/// (asynchronously, so a platform-certificate refresh for an unknown serial blocks no thread) →
/// the merchant's handler → 204/200, or 413/401/400/500 with <c>{"code":"FAIL","message":…}</c>. A non-2xx answer makes
/// WeChat Pay send the same notification again later, which is what a failed handler needs.
/// </summary>
internal sealed class NotificationEndpoint(
    NotificationReader reader,
    Func<Notification, HttpContext, CancellationToken, Task> handle,
    NotificationEndpointOptions options,
    ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        byte[]? body;
        try
        {
            body = await BoundedRequestBody.ReadAsync(context.Request, options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode != StatusCodes.Status413PayloadTooLarge)
        {
            // The server refused the body itself (bad chunking, too slow); 413s from its own size limit fall through below.
            NotificationLog.Rejected(logger, RemoteAddress(context), e.StatusCode, e.Message);
            await RejectAsync(context, new NotificationRejection(e.StatusCode, "The request body could not be read.", e, null)).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException)
        {
            body = null;
        }
        if (body is null)
        {
            NotificationLog.TooLarge(logger, RemoteAddress(context), options.MaxBodyBytes);
            await RejectAsync(context, new NotificationRejection(StatusCodes.Status413PayloadTooLarge, $"The body is over {options.MaxBodyBytes} bytes; a notification is a few kilobytes.", null, null)).ConfigureAwait(false);
            return;
        }

        Notification notification;
        try
        {
            var headers = context.Request.Headers;
            // Asynchronous: with auto-refreshing platform certificates an unknown serial downloads them first.
            notification = await reader.ReadAsync(body, Single(headers, WeChatPayHeaders.Timestamp), Single(headers, WeChatPayHeaders.Nonce), Single(headers, WeChatPayHeaders.Signature), Single(headers, WeChatPayHeaders.Serial), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, null);
            return;
        }
        catch (WeChatPayException e)
        {
            var (status, message) = ReadFailureAnswer.For(e);
            NotificationLog.Rejected(logger, RemoteAddress(context), status, e.Message);
            await RejectAsync(context, new NotificationRejection(status, message, e, null)).ConfigureAwait(false);
            return;
        }

        try
        {
            await handle(notification, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, notification.Id);
            return;
        }
        catch (Exception e)
        {
            if (context.Response.HasStarted)
            {
                NotificationLog.HandlerFailedAfterResponseStarted(logger, e, notification.Id, notification.EventType);
                return;
            }
            NotificationLog.HandlerFailed(logger, e, notification.Id, notification.EventType);
            context.Response.Clear();
            await RejectAsync(context, new NotificationRejection(StatusCodes.Status500InternalServerError, "The notification was verified but could not be processed; send it again later.", e, notification)).ConfigureAwait(false);
            return;
        }

        // A handler that wrote its own answer keeps it; otherwise WeChat Pay gets the bodiless success it documents.
        if (!context.Response.HasStarted) context.Response.StatusCode = options.SuccessStatusCode;
        NotificationLog.Handled(logger, notification.Id, notification.EventType, context.Response.StatusCode);
    }

    private async Task RejectAsync(HttpContext context, NotificationRejection rejection)
    {
        try
        {
            options.OnRejected?.Invoke(rejection);
        }
        catch (Exception e)
        {
            NotificationLog.RejectionObserverFailed(logger, e);
        }
        await FailureBody.WriteAsync(context.Response, rejection.StatusCode, rejection.Message, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The header's value when it was sent exactly once; null (reported as missing) when absent or repeated.</summary>
    private static string? Single(IHeaderDictionary headers, string name)
        => headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
