using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Testing;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapWeChatPayNotifications("/notify", client, handle, options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new NotificationEndpointHost(app, new Uri(address.TrimEnd('/') + "/notify"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
