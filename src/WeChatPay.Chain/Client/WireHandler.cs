using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The outermost handler of the client's <see cref="HttpClient"/>, where a request leaves the Flurl pipeline for the wire.
/// Flurl rebuilds each request's <see cref="Uri"/> from its URL text, and a <see cref="Uri"/> made the ordinary way
/// unescapes <c>%7E</c>, <c>%41</c> and the like: this puts back the URI made from the same text verbatim, so the
/// request-target sent is the one signed byte for byte. And a call made synchronously is sent here with the synchronous
/// <c>Send</c> of the handlers inside, so that it blocks on no task.
/// </summary>
internal sealed class WireHandler : DelegatingHandler
{
    [ThreadStatic] private static bool t_synchronous;

    private readonly bool _disposesTransport = true;
    private HttpMessageInvoker? _inner;

    /// <summary>For a pipeline whose builder sets the inner handler and owns what it builds (<c>IHttpClientFactory</c>).</summary>
    public WireHandler() { }

    /// <summary>In front of <paramref name="transport"/>, which is disposed with this handler only if <paramref name="disposeTransport"/>.</summary>
    public WireHandler(HttpMessageHandler transport, bool disposeTransport) : base(transport) => _disposesTransport = disposeTransport;

    /// <summary>
    /// Marks what this thread sends from now until the scope is disposed as sent synchronously. A synchronous call runs on
    /// its own thread from the client down to here, so the mark reaches exactly the requests of that call.
    /// </summary>
    public static SynchronousScope Synchronously()
    {
        var previous = t_synchronous;
        t_synchronous = true;
        return new SynchronousScope(previous);
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Restore(request);
        if (!t_synchronous) return base.SendAsync(request, cancellationToken);
        _inner ??= new HttpMessageInvoker(InnerHandler!, disposeHandler: false);
        return Task.FromResult(_inner.Send(request, cancellationToken));
    }

    /// <summary>
    /// Gives a request back the verbatim URI of its own text. Without a <c>%</c> the two are the same, as the library
    /// encodes every character a URI would change and refuses dot segments.
    /// </summary>
    private static void Restore(HttpRequestMessage request)
    {
        if (request.RequestUri is { } uri && uri.OriginalString.IndexOf('%') >= 0) request.RequestUri = VerbatimUri.Create(uri.OriginalString);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_disposesTransport) base.Dispose(disposing);
    }

    /// <summary>Ends a <see cref="Synchronously"/> mark.</summary>
    public readonly struct SynchronousScope(bool previous) : IDisposable
    {
        /// <summary>Restores the mark this scope replaced.</summary>
        public void Dispose() => t_synchronous = previous;
    }
}
