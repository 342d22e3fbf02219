using System.Net;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// An in-memory transport: remembers the last request-target as it would go on the wire and answers with whatever
/// <see cref="Answer"/> makes, so generated responses reach the client's verification and error mapping.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);

    public string? LastTarget { get; private set; }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastTarget = request.RequestUri!.PathAndQuery;
        var response = Answer(request);
        response.RequestMessage = request;
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(Send(request, cancellationToken));
}
