using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// APIv3's notifications: JSON, verified by the <c>Wechatpay-*</c> headers (asynchronously, so a platform-certificate
/// refresh for an unknown serial blocks no thread) and decrypted with the APIv3 key; answered with a bodiless 204/200, or
/// <c>{"code":"FAIL","message":…}</c>.
/// </summary>
internal sealed class ApiV3NotificationFormat(NotificationReader reader) : NotificationFormat<Notification>
{
    public override Task<Notification> ReadAsync(byte[] body, IHeaderDictionary headers, CancellationToken cancellationToken)
        => reader.ReadAsync(body, Single(headers, WeChatPayHeaders.Timestamp), Single(headers, WeChatPayHeaders.Nonce), Single(headers, WeChatPayHeaders.Signature), Single(headers, WeChatPayHeaders.Serial), cancellationToken);

    public override (string? Id, string? Kind) Describe(Notification notification) => (notification.Id, notification.EventType);

    public override Notification? Rejected(Notification notification) => notification;

    public override (int StatusCode, string Message) Refusal(WeChatPayException exception) => ReadFailureAnswer.For(exception);

    public override Task WriteSuccessAsync(HttpResponse response, int statusCode, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        return Task.CompletedTask;
    }

    public override Task WriteFailureAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken)
        => FailureBody.WriteAsync(response, statusCode, message, cancellationToken);

    /// <summary>The header's value when it was sent exactly once; null (reported as missing) when absent or repeated.</summary>
    private static string? Single(IHeaderDictionary headers, string name)
        => headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
