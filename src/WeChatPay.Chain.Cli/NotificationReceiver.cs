using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Notifications;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The merchant's callback endpoint for the demo: a Kestrel app on 127.0.0.1 with the library's notification endpoint
/// (<c>MapWeChatPayNotifications</c> from <see cref="NotificationEndpointRouteBuilderExtensions"/>),
/// which verifies and decrypts with the client's <see cref="NotificationReader"/> and answers 204, or 4xx/5xx with
/// <c>{"code":"FAIL","message":…}</c>. Verified notifications queue up for <see cref="NextAsync"/>.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private const string NotifyPath = "/notify";

    private readonly WebApplication _app;
    private readonly Channel<Notification> _received = Channel.CreateUnbounded<Notification>();

    private NotificationReceiver(WebApplication app) => _app = app;

    /// <summary>The URL to give WeChat Pay as <c>notify_url</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Notifications that were rejected, with the reason.</summary>
    public List<string> Rejected { get; } = [];

    public static async Task<NotificationReceiver> StartAsync(NotificationReader reader, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapWeChatPayNotifications(
            NotifyPath,
            reader,
            (notification, _, token) => receiver._received.Writer.WriteAsync(notification, token).AsTask(),
            new NotificationEndpointOptions { OnRejected = receiver.Record });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + NotifyPath);
        return receiver;
    }

    /// <summary>Waits for the next verified notification.</summary>
    public async Task<Notification> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No verified notification within {timeout.TotalSeconds} s" + (Rejected.Count > 0 ? $"; rejected: {string.Join("; ", Rejected)}" : "."));
        }
    }

    /// <summary>Keeps the full reason (the demo's own console, not the caller, sees it), or the answer sent when there is no exception.</summary>
    private void Record(NotificationRejection rejection)
    {
        lock (Rejected) Rejected.Add($"{rejection.StatusCode} {rejection.Exception?.Message ?? rejection.Message}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
