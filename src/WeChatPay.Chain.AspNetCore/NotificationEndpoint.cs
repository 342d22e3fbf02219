using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// Answers one notification POST: raw body (bounded) → verify and read it as <paramref name="format"/> says →
/// the merchant's handler → success, or 413/401/400/500 with the format's failure body. A non-2xx answer makes WeChat
/// Pay send the same notification again later, which is what a failed handler needs. Written once for APIv3's JSON
/// notifications and APIv2's XML ones.
/// </summary>
/// <typeparam name="T">What a verified notification is read as.</typeparam>
internal sealed class NotificationEndpoint<T>(
    NotificationFormat<T> format,
    Func<T, HttpContext, CancellationToken, Task> handle,
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

        T notification;
        try
        {
            notification = await format.ReadAsync(body, context.Request.Headers, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, null);
            return;
        }
        catch (WeChatPayException e)
        {
            var (status, message) = format.Refusal(e);
            NotificationLog.Rejected(logger, RemoteAddress(context), status, e.Message);
            await RejectAsync(context, new NotificationRejection(status, message, e, null)).ConfigureAwait(false);
            return;
        }

        var (id, kind) = format.Describe(notification);
        try
        {
            await handle(notification, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotificationLog.Abandoned(logger, id);
            return;
        }
        catch (Exception e)
        {
            if (context.Response.HasStarted)
            {
                NotificationLog.HandlerFailedAfterResponseStarted(logger, e, id, kind);
                return;
            }
            NotificationLog.HandlerFailed(logger, e, id, kind);
            context.Response.Clear();
            await RejectAsync(context, new NotificationRejection(StatusCodes.Status500InternalServerError, "The notification was verified but could not be processed; send it again later.", e, format.Rejected(notification))).ConfigureAwait(false);
            return;
        }

        // A handler that wrote its own answer keeps it; otherwise WeChat Pay gets the success its format documents.
        if (!context.Response.HasStarted) await format.WriteSuccessAsync(context.Response, options.SuccessStatusCode, cancellationToken).ConfigureAwait(false);
        NotificationLog.Handled(logger, id, kind, context.Response.StatusCode);
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
        await format.WriteFailureAsync(context.Response, rejection.StatusCode, rejection.Message, context.RequestAborted).ConfigureAwait(false);
    }

    private static string? RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
