using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// The merchant's callback endpoint for the demo: on 127.0.0.1, it reads the raw body, verifies and decrypts it with
/// the client's <see cref="NotificationReader"/>, answers 204, or 400 with <c>{"code":"FAIL","message":…}</c>.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
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
        app.MapPost("/notify", async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var headers = context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
            try
            {
                await receiver._received.Writer.WriteAsync(reader.Read(buffer.ToArray(), headers), context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            }
            catch (WeChatPayException e)
            {
                lock (receiver.Rejected) receiver.Rejected.Add(e.Message);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { code = "FAIL", message = e.Message }, context.RequestAborted);
            }
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/notify");
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
