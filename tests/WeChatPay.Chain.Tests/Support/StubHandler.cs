using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>What the stub saw of one request.</summary>
public sealed record SeenRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool Synchronous)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// An in-memory transport: records each request as it would go on the wire and answers with a response made by
/// <see cref="Respond"/>, signed with the platform test key unless the test says otherwise.
/// </summary>
public sealed class StubHandler : HttpMessageHandler
{
    public ConcurrentQueue<SeenRequest> Seen { get; } = new();

    public Func<SeenRequest, HttpResponseMessage> Respond { get; set; } = _ => Signed(HttpStatusCode.OK, "{}");

    public SeenRequest Last => Seen.Last();

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => Answer(request, synchronous: true, cancellationToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(Answer(request, synchronous: false, cancellationToken));

    private HttpResponseMessage Answer(HttpRequestMessage request, bool synchronous, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in request.Headers) headers[k] = string.Join(", ", v);
        byte[] body = [];
        if (request.Content is not null)
        {
            foreach (var (k, v) in request.Content.Headers) headers[k] = string.Join(", ", v);
            using var buffer = new MemoryStream();
            request.Content.CopyTo(buffer, null, cancellationToken);
            body = buffer.ToArray();
        }
        var seen = new SeenRequest(request.Method.Method, request.RequestUri!.PathAndQuery, headers, body, synchronous);
        Seen.Enqueue(seen);
        var response = Respond(seen);
        response.RequestMessage = request;
        return response;
    }

    /// <summary>A response signed as WeChat Pay signs: over TIMESTAMP\nNONCE\nBODY\n with the platform key.</summary>
    public static HttpResponseMessage Signed(HttpStatusCode status, string body, string serial = Fixtures.PlatformSerial, long? timestamp = null, string nonce = "C5AC5C72D5A1E46B37C5E5E2D2E3F4A5")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(bytes) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, ts);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, nonce);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, Rsa.Sign(Fixtures.PlatformKey.Value, SignatureMessage.ForResponse(ts, nonce, bytes)));
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, serial);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.RequestId, "08F78BB5AF0610A8A9A8BC0518F0EACE");
        return response;
    }

    /// <summary>An unsigned response, as gateways and error paths produce.</summary>
    public static HttpResponseMessage Plain(HttpStatusCode status, string body, string contentType = "application/json")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.RequestId, "08F78BB5AF0610A8A9A8BC0518F0EACE");
        return response;
    }
}
