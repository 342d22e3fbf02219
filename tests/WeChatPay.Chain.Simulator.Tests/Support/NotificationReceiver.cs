using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// A merchant's notification endpoint on 127.0.0.1: records every POST it gets and answers 500 to the first
/// <c>failures</c> of them, then 204.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedNotification> _received = [];
    private readonly int _failures;

    private NotificationReceiver(WebApplication app, int failures)
    {
        _app = app;
        _failures = failures;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedNotification> Received
    {
        get
        {
            lock (_received) return _received.ToArray();
        }
    }

    public static async Task<NotificationReceiver> StartAsync(int failures = 0)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new NotificationReceiver(app, failures);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/notify");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int count;
        lock (_received)
        {
            _received.Add(new ReceivedNotification(context.Request.Method, context.Request.Path, headers, buffer.ToArray()));
            count = _received.Count;
        }
        context.Response.StatusCode = count <= _failures ? 500 : 204;
    }
}

/// <summary>One request the receiver got, body bytes exactly as sent.</summary>
public sealed record ReceivedNotification(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
