using Microsoft.AspNetCore.Builder;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.AspNetCore.Tests.Support;

/// <summary>A real Kestrel app on 127.0.0.1, on a port the system picks, with whatever endpoints the test maps.</summary>
internal sealed class NotificationHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotificationHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false });

    public Uri Url(string path) => new(BaseUri, path);

    public static async Task<NotificationHost> StartAsync(Action<WebApplication> map, CapturedLogs? logs = null)
    {
        var (app, baseUri) = await LoopbackApp.StartAsync(map, logs);
        return new NotificationHost(app, baseUri);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, PostedNotification notification, bool chunked = false)
    {
        using var request = notification.ToRequest(Url(path), chunked);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
