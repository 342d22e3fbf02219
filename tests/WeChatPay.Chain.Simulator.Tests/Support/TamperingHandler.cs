namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// A transport that alters what the simulator answered before the client's verification sees it, as a man in the
/// middle would: <see cref="Body"/> rewrites the body bytes, <see cref="Headers"/> may rewrite the headers to match.
/// </summary>
public sealed class TamperingHandler : DelegatingHandler
{
    public TamperingHandler() : base(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { }

    public Func<byte[], byte[]> Body { get; init; } = body => body;

    public Action<HttpResponseMessage, byte[]> Headers { get; init; } = (_, _) => { };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = Body(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var contentType = response.Content.Headers.ContentType;
        response.Content = new ByteArrayContent(body);
        response.Content.Headers.ContentType = contentType;
        Headers(response, body);
        return response;
    }
}
