using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// The primary handler of a client's pipeline under <see cref="IHttpClientFactory"/>. A transport given in
/// <see cref="ClientOptions.HttpMessageHandler"/> stays its owner's (as with <see cref="WeChatPayClient"/> itself), so it is
/// reached through this wrapper, which leaves it undisposed. Otherwise it is the client's own transport, made at the first
/// request — once the client has loaded its settings, so that it trusts <see cref="ClientOptions.TrustedServerCertificate"/>
/// and, for <c>security = true</c> calls, presents <see cref="ClientOptions.MerchantCertificate"/> — and disposed with the
/// pipeline. Its connections are renewed every five minutes, so DNS changes are seen although the pipeline lives as long
/// as the client.
/// </summary>
internal sealed class PipelineTransport : HttpMessageHandler
{
    private readonly Lazy<HttpMessageInvoker> _transport;

    private PipelineTransport(Func<HttpMessageInvoker> transport) => _transport = new(transport);

    /// <summary>The caller's transport, shared and never disposed here.</summary>
    public static HttpMessageHandler Given(HttpMessageHandler transport)
        => new PipelineTransport(() => new HttpMessageInvoker(transport, disposeHandler: false));

    /// <summary>The client's own transport for <paramref name="merchant"/>'s calls, presenting its certificate when <paramref name="mutualTls"/>.</summary>
    public static HttpMessageHandler Own(Func<Merchant> merchant, bool mutualTls)
        => new PipelineTransport(() => new HttpMessageInvoker(DefaultTransport.For(merchant(), mutualTls), disposeHandler: true));

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => _transport.Value.Send(request, cancellationToken);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => _transport.Value.SendAsync(request, cancellationToken);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _transport.IsValueCreated) _transport.Value.Dispose();
        base.Dispose(disposing);
    }
}
