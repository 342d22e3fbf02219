using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// APIv2's notifications: XML, a payment verified by its <c>sign</c>, a refund's <c>req_info</c> decrypted, both with the
/// APIv2 key; answered 200 with <c>&lt;xml&gt;&lt;return_code&gt;SUCCESS&lt;/return_code&gt;…</c>, or the failure status
/// with <c>return_code</c> FAIL.
/// </summary>
internal sealed class ApiV2NotificationFormat(ApiV2NotificationReader reader) : NotificationFormat<ApiV2Fields>
{
    public override Task<ApiV2Fields> ReadAsync(byte[] body, IHeaderDictionary headers, CancellationToken cancellationToken)
        => Task.FromResult(reader.Read(body));

    public override (string? Id, string? Kind) Describe(ApiV2Fields notification)
        => notification.TryGetValue("out_refund_no", out var refund) ? (refund, "APIv2 refund")
            : (notification.TryGetValue("transaction_id", out var transaction) ? transaction : null, "APIv2 payment");

    public override Notification? Rejected(ApiV2Fields notification) => null;

    public override (int StatusCode, string Message) Refusal(WeChatPayException exception) => exception switch
    {
        ResponseVerificationException { Reason: VerificationFailure.MissingSign } => (StatusCodes.Status401Unauthorized, "The notification carries no sign."),
        ResponseVerificationException => (StatusCodes.Status401Unauthorized, "The sign does not match the notification's fields."),
        DecryptionException => (StatusCodes.Status400BadRequest, "req_info could not be decrypted: the APIv2 key does not match, or it was altered."),
        ResponseFormatException format => (StatusCodes.Status400BadRequest, format.Message),
        _ => (StatusCodes.Status400BadRequest, "The body could not be read as an APIv2 notification."),
    };

    public override Task WriteSuccessAsync(HttpResponse response, int statusCode, CancellationToken cancellationToken)
        => WriteAsync(response, StatusCodes.Status200OK, ApiV2NotificationReader.Success, cancellationToken);

    public override Task WriteFailureAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken)
        => WriteAsync(response, statusCode, ApiV2NotificationReader.Fail(message), cancellationToken);

    private static async Task WriteAsync(HttpResponse response, int statusCode, string xml, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "text/xml; charset=utf-8";
        await response.WriteAsync(xml, cancellationToken).ConfigureAwait(false);
    }
}
