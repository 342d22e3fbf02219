namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The in-memory transport under both the client and the baseline: answers every request at once with the same
/// <see cref="SignedResponse"/>, so the whole-call comparison measures the clients and nothing on the wire.
/// </summary>
/// <param name="response">The pre-signed answer.</param>
public sealed class CannedResponseHandler(SignedResponse response) : HttpMessageHandler
{
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        => response.ToMessage(request);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(response.ToMessage(request));
}
