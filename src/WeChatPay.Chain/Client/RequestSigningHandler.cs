using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The signing step of the pipeline: adds the APIv3 <c>Authorization</c> header over the final request-target
/// (<see cref="Uri.PathAndQuery"/> of the message as it leaves) and the exact body bytes. Each send is signed anew,
/// so a retry handler placed outside it sends a fresh nonce and timestamp.
/// </summary>
public sealed class RequestSigningHandler : DelegatingHandler
{
    private readonly RequestSigner _signer;

    /// <summary>Creates the step; set <see cref="DelegatingHandler.InnerHandler"/> or compose it with <c>IHttpClientFactory</c>.</summary>
    public RequestSigningHandler(RequestSigner signer) => _signer = signer;

#if NET
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sign(request);
        return base.Send(request, cancellationToken);
    }
#endif

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sign(request);
        return base.SendAsync(request, cancellationToken);
    }

    private void Sign(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var header = _signer.Sign(request.Method.Method, uri.PathAndQuery, PipelineState.Of(request));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", header.ToString());
        PipelineState.MarkSigned(request);
    }
}
