using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// A transport that records what reaches it and answers every request with an error status, WeChat Pay's error body
/// and a Request-ID (error answers are not verified, so no platform key is needed to answer).
/// </summary>
internal sealed class RecordingTransport(HttpStatusCode status = HttpStatusCode.NotFound) : HttpMessageHandler
{
    public ConcurrentQueue<(string Method, string Target, string? Authorization, byte[] Body)> Requests { get; } = new();

    public bool Disposed { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(), body));
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Headers = { { "Request-ID", "08F78BB5AF0610D302A7" } },
            Content = new StringContent("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}", Encoding.UTF8, "application/json"),
        };
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
