using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>Writes the failure answer WeChat Pay documents for notifications: a status and <c>{"code":"FAIL","message":"…"}</c>.</summary>
internal static class FailureBody
{
    public const string Code = "FAIL";

    public static async Task WriteAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        var writer = new Utf8JsonWriter(response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("code", Code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
