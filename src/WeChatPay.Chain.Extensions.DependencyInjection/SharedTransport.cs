using WeChatPay.Chain.Client;
namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// The primary handler of a client's pipeline. <see cref="IHttpClientFactory"/> disposes the pipelines it builds,
/// primary handler included; a transport given in <see cref="ClientOptions.HttpMessageHandler"/> stays its owner's
/// (as with <see cref="WeChatPayClient"/> itself), so it is reached through this wrapper, which leaves it undisposed.
/// </summary>
internal sealed class SharedTransport : HttpMessageHandler
{
    private readonly HttpMessageInvoker _transport;

    private SharedTransport(HttpMessageHandler transport) => _transport = new HttpMessageInvoker(transport, disposeHandler: false);

    /// <summary>
    /// The given transport, shared; or, when none was given, the client's own default transport, whose connections are
    /// renewed every five minutes, so that DNS changes are seen although the pipeline lives as long as the client.
    /// </summary>
    public static HttpMessageHandler Over(HttpMessageHandler? transport)
        => transport is null ? DefaultTransport.Create() : new SharedTransport(transport);

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => _transport.Send(request, cancellationToken);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => _transport.SendAsync(request, cancellationToken);
}
