using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>A Kestrel app on 127.0.0.1 with the library's notification endpoint at <c>/notify</c>, logging everything into a <see cref="CapturedLogs"/>.</summary>
internal sealed class NotificationEndpointHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationEndpointHost(WebApplication app, Uri notifyUrl)
    {
        _app = app;
        NotifyUrl = notifyUrl;
    }

    public Uri NotifyUrl { get; }

    public static async Task<NotificationEndpointHost> StartAsync(WeChatPayClient client, CapturedLogs logs, Func<Notification, HttpContext, CancellationToken, Task> handle, NotificationEndpointOptions options)
    {
        var (app, baseUri) = await LoopbackApp.StartAsync(app => app.MapWeChatPayNotifications("/notify", client, handle, options), logs);
        return new NotificationEndpointHost(app, new Uri(baseUri, "notify"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
