using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>What the loopback server received, as raw as Kestrel gives it.</summary>
internal sealed record ReceivedRequest(string Method, string RawTarget, string? Authorization, byte[] Body, bool SignatureValid);

/// <summary>
/// A Kestrel server on 127.0.0.1, port 0, that checks each request's signature over the raw request-target and raw
/// body it received — building the message by hand, independently of the library — and answers with a signed response.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public List<ReceivedRequest> Received { get; } = [];

    public Uri BaseUri { get; }

    /// <summary>Lets a test replace the answer; gets the context after the request was recorded.</summary>
    public Func<HttpContext, Task>? Answer { get; set; }

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public static async Task<LoopbackServer> StartAsync()
    {
        LoopbackServer? server = null;
        var (app, baseUri) = await LoopbackApp.StartAsync(app => app.Run(context => server!.Handle(context)));
        server = new LoopbackServer(app, baseUri);
        return server;
    }

    private async Task Handle(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var authorization = context.Request.Headers.Authorization.ToString();
        lock (Received) Received.Add(new ReceivedRequest(context.Request.Method, rawTarget, authorization, body, SignatureValid(context.Request.Method, rawTarget, authorization, body)));

        if (Answer is { } answer)
        {
            await answer(context);
            return;
        }
        await WriteSigned(context, 200, "{\"ok\":true}");
    }

    /// <summary>
    /// Answers <paramref name="json"/>, signed. As the answer to a HEAD request (<paramref name="headOnly"/>) it declares
    /// the body's length, sends no body and signs the empty body the client receives.
    /// </summary>
    public static async Task WriteSigned(HttpContext context, int status, string json, bool headOnly = false)
    {
        var declared = Encoding.UTF8.GetBytes(json);
        var bytes = headOnly ? [] : declared;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = "loopback" + Guid.NewGuid().ToString("N")[..24];
        var message = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n").Concat(bytes).Append((byte)'\n').ToArray();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers[WeChatPayHeaders.Timestamp] = timestamp;
        context.Response.Headers[WeChatPayHeaders.Nonce] = nonce;
        context.Response.Headers[WeChatPayHeaders.Serial] = Fixtures.PlatformSerial;
        context.Response.Headers[WeChatPayHeaders.Signature] = Convert.ToBase64String(Fixtures.PlatformKey.Value.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        context.Response.ContentLength = declared.Length;
        if (!headOnly) await context.Response.Body.WriteAsync(bytes);
    }

    private static bool SignatureValid(string method, string rawTarget, string authorization, byte[] body)
    {
        if (!AuthorizationHeader.TryParse(authorization, out var header, out _)) return false;
        if (header.MchId != Fixtures.MchId || header.Serial != Fixtures.MerchantSerial) return false;
        var message = Encoding.UTF8.GetBytes($"{method}\n{rawTarget}\n{header.Timestamp}\n{header.Nonce}\n").Concat(body).Append((byte)'\n').ToArray();
        try
        {
            return Fixtures.MerchantKey.Value.VerifyData(message, Convert.FromBase64String(header.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
