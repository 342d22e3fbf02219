using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>
/// A transport under the client's signing and verification steps that notes every request signature and response
/// signature it carries, so the leak check knows them.
/// </summary>
internal sealed class SignatureRecorder(SecretMaterial secrets) : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Note(request);
        var response = base.Send(request, cancellationToken);
        Note(response);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Note(request);
        var response = await base.SendAsync(request, cancellationToken);
        Note(response);
        return response;
    }

    private void Note(HttpRequestMessage request)
    {
        if (request.Headers.TryGetValues("Authorization", out var values) && AuthorizationHeader.TryParse(values.FirstOrDefault(), out var header, out _))
            secrets.AddSignature("a request", header.Signature);
    }

    private void Note(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(WeChatPayHeaders.Signature, out var values))
            foreach (var value in values) secrets.AddSignature("a response", value);
    }
}
