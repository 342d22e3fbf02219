using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.Testing;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new NotificationHost(app, new Uri(address.TrimEnd('/') + "/"));
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
