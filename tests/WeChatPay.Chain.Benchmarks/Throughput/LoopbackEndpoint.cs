using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 and a free port that answers every request with the same pre-signed
/// response: it spends no RSA time, so the machine's CPU goes to the clients. HTTPS when given a certificate.
/// </summary>
public sealed class LoopbackEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackEndpoint(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts the server; it listens until disposed.</summary>
    /// <param name="response">What every request gets.</param>
    /// <param name="certificate">Serve HTTPS with this certificate; plain HTTP when null.</param>
    public static async Task<LoopbackEndpoint> StartAsync(SignedResponse response, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var headers = response.Headers.Select(h => (h.Key, Value: new StringValues(h.Value))).ToArray();
        var body = response.Body;
        app.Run(async context =>
        {
            var answer = context.Response;
            answer.StatusCode = StatusCodes.Status200OK;
            answer.ContentType = "application/json";
            answer.ContentLength = body.Length;
            foreach (var (name, value) in headers) answer.Headers[name] = value;
            await answer.BodyWriter.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackEndpoint(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
