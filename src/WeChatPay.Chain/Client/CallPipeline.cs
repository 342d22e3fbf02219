using Flurl.Http;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The path of every call, around one <see cref="IFlurlClient"/>: each attempt is a <see cref="SignedRequest"/> signed
/// over the exact request-target and body bytes it sends, sent by Flurl (or answered by an active <c>HttpTest</c>),
/// checked by <see cref="ResponseCheck"/>, and repeated with a fresh signature when the retry policy says so. Written
/// once for both forms: with <c>async</c> false it awaits nothing, and the transport is called with its synchronous
/// <c>Send</c> where the client's own <see cref="WireHandler"/> is in the pipeline.
/// </summary>
internal sealed class CallPipeline
{
    private readonly IFlurlClient _flurl;
    private readonly Lazy<IFlurlClient>? _mutualTls;
    private readonly Merchant _merchant;
    private readonly ResponseCheck _check;
    private readonly bool _sendsVerbatimTargets;

    /// <param name="flurl">The client the calls go through.</param>
    /// <param name="merchant">Whose calls they are.</param>
    /// <param name="mutualTls">The client of calls that present the merchant certificate, made on first use; null when there is none.</param>
    /// <param name="sendsVerbatimTargets">
    /// Whether the <see cref="WireHandler"/> is in the pipeline, so that verbatim request-targets reach the wire. Without it
    /// (an <see cref="HttpClient"/> built elsewhere) the target is signed as <see cref="Uri"/> will send it.
    /// </param>
    public CallPipeline(IFlurlClient flurl, Merchant merchant, Func<IFlurlClient>? mutualTls, bool sendsVerbatimTargets)
    {
        _flurl = flurl;
        _merchant = merchant;
        _sendsVerbatimTargets = sendsVerbatimTargets;
        _check = new ResponseCheck(merchant.Verifier, merchant.ApiV2Key, merchant.BaseUri.AbsolutePath);
        // First of all AfterCall handlers, so those the caller adds see the response verified.
        flurl.EventHandlers.Insert(0, (FlurlEventType.AfterCall, _check));
        if (mutualTls is not null)
        {
            _mutualTls = new(() =>
            {
                var client = mutualTls();
                client.EventHandlers.Insert(0, (FlurlEventType.AfterCall, _check));
                return client;
            });
        }
    }

    /// <summary>The client of mutual TLS calls, when one was made; for disposal.</summary>
    public IFlurlClient? MutualTlsClient => _mutualTls is { IsValueCreated: true } made ? made.Value : null;

    /// <summary>Fetches platform certificates for responses that name an unknown serial.</summary>
    public PlatformCertificateRefresher? Refresher { set => _check.Refresher = value; }

    /// <summary>The merchant whose calls these are.</summary>
    public Merchant Merchant => _merchant;

    /// <summary>
    /// Sends <paramref name="outgoing"/> until an answer is final: the response with its body when the response step read
    /// it (null when it left an unsigned file to stream), and an APIv2 answer's fields.
    /// </summary>
    /// <exception cref="ResponseVerificationException">A 2xx answer failed verification; it carries the response.</exception>
    public async ValueTask<(HttpResponseMessage Response, byte[]? Body, IReadOnlyDictionary<string, string>? ApiV2Fields)> SendAsync(bool async, OutgoingRequest outgoing, WeChatPayCall record, CallDeadline deadline)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = new SignedRequest(ClientFor(outgoing), outgoing, record, synchronous: !async, deadline.Token);
            Sign(request, record);
            var response = await SendOnceAsync(async, request, record).ConfigureAwait(false);
            if (!request.Checked) await _check.CheckAsync(request, response).ConfigureAwait(false);
            if (request.Failure is { } failure) throw Carrying(failure, response, request, record);

            if (_merchant.Retry is not { } policy || !policy.ShouldRepeat(response, attempt, _merchant.Time, out var delay))
                return (response, request.ResponseBody, request.ApiV2Fields);
            response.Dispose();
            if (async) await Task.Delay(delay, _merchant.Time, deadline.Token).ConfigureAwait(false);
            else Task.Delay(delay, _merchant.Time, deadline.Token).GetAwaiter().GetResult();
        }
    }

    private IFlurlClient ClientFor(OutgoingRequest outgoing)
    {
        if (!outgoing.MutualTls) return _flurl;
        return _mutualTls?.Value ?? throw new ConfigurationException(_merchant.Certificate is null
            ? "security = true presents the merchant certificate over mutual TLS; set ClientOptions.MerchantCertificate (apiclient_cert.pem, or an X509Certificate2 from apiclient_cert.p12)."
            : "security = true presents the merchant certificate over mutual TLS, which the client can only do over a transport it makes: this one sends through ClientOptions.HttpMessageHandler. Put the certificate in that handler's ClientCertificates and leave security out, or let the client make its transport.");
    }

    /// <summary>
    /// Signs the attempt over the request-target as it will go on the wire and the exact body bytes, with a fresh nonce and
    /// timestamp, and records what was signed.
    /// </summary>
    private void Sign(SignedRequest request, WeChatPayCall record)
    {
        var outgoing = request.Outgoing;
        if (outgoing.IsApiV2)
        {
            // Signed in its body when it was built: the same bytes for every attempt.
            record.Attempt(outgoing.Uri, outgoing.Body, outgoing.BodyText, authorization: null, signedMessage: null);
            return;
        }
        var target = _sendsVerbatimTargets ? outgoing.Uri.PathAndQuery : new Uri(outgoing.Uri.OriginalString).PathAndQuery;
        var signature = outgoing.SignWith(_merchant.Signer, target);
        request.Sign(target, signature);
        record.Attempt(outgoing.Uri, outgoing.Body, outgoing.BodyText, signature.Authorization, request);
    }

    private async ValueTask<HttpResponseMessage> SendOnceAsync(bool async, SignedRequest request, WeChatPayCall record)
    {
        Task<IFlurlResponse> sending;
        if (async)
        {
            sending = Synchronously.StartDetached(request, Send);
        }
        else
        {
            using (WireHandler.Synchronously()) sending = Synchronously.StartDetached(request, Send);
        }
        var answer = async ? await sending.ConfigureAwait(false) : sending.GetAwaiter().GetResult();
        var response = answer?.ResponseMessage
            ?? throw new TransportException($"{request.Verb} {request.Outgoing.Uri.AbsolutePath} has no response: a Flurl OnError handler marked its failure handled, but the library needs a response to return.", isTimeout: false, null);
        record.Sent(response.RequestMessage);
        return response;
    }

    private static Task<IFlurlResponse> Send(SignedRequest request) => request.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, request.Deadline);

    /// <summary>A verification failure carries the response it refused; the response is then released.</summary>
    private static Exception Carrying(Exception failure, HttpResponseMessage response, SignedRequest request, WeChatPayCall record)
    {
        if (failure is ResponseVerificationException refused)
        {
            var unverified = new WeChatPayResponse(response, request.ResponseBody ?? [], record);
            record.Response = unverified;
            failure = refused.WithResponse(unverified);
        }
        response.Dispose();
        return failure;
    }
}
