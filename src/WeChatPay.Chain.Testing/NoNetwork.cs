namespace WeChatPay.Chain.Testing;

/// <summary>The transport of the test merchant's clients: it sends nothing, so a test that forgot its fakes fails clearly.</summary>
internal sealed class NoNetwork : HttpMessageHandler
{
    /// <summary>The one instance, shared by every client (a client never disposes a transport given in its options).</summary>
    public static readonly NoNetwork Transport = new();

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => throw Refused(request);

#if NET
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => throw Refused(request);
#endif

    private static HttpRequestException Refused(HttpRequestMessage request) => new(
        $"{request.Method} {request.RequestUri?.AbsolutePath} would have left the test: the test merchant's client sends nothing over the network. " +
        "Answer it from an HttpTest (using var test = new HttpTest(); test.RespondWithWeChatPay(…)), or give ClientOptions a simulator's BaseUri and set HttpMessageHandler to null.");
}
