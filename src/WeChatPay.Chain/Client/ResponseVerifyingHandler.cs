using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The verification step of the pipeline: reads every 2xx response body once and checks WeChat Pay's signature
/// (see <see cref="ResponseVerifier"/> and <see cref="ResponseSignatureRules"/>). A response that fails never reaches
/// the caller as a result: it is thrown as a <see cref="ResponseVerificationException"/> carrying the response.
/// </summary>
public sealed class ResponseVerifyingHandler : DelegatingHandler
{
    private readonly ResponseVerifier _verifier;
    private readonly string _basePath;
    private readonly PlatformCertificateRefresher? _refresher;
    private readonly int _maxBodyBytes;

    /// <summary>Creates the step.</summary>
    /// <param name="verifier">The verifier holding the platform keys.</param>
    /// <param name="baseUri">The API root, so that paths are matched against <see cref="ResponseSignatureRules"/> relative to it.</param>
    public ResponseVerifyingHandler(ResponseVerifier verifier, Uri? baseUri = null) : this(verifier, baseUri, null, ClientOptions.DefaultMaxResponseBodyBytes) { }

    /// <summary>Creates the step with a refresher that is asked for new platform certificates when a serial is unknown.</summary>
    internal ResponseVerifyingHandler(ResponseVerifier verifier, Uri? baseUri, PlatformCertificateRefresher? refresher, int maxBodyBytes)
    {
        _maxBodyBytes = maxBodyBytes;
        _verifier = verifier;
        _basePath = (baseUri ?? ClientOptions.DefaultBaseUri).AbsolutePath;
        _refresher = refresher;
    }

#if NET
    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = RelativePath(request);
        var response = base.Send(request, cancellationToken);
        var signed = SignedContentOf(response, path);
        PipelineState.MarkChecked(request);
        if (signed == SignedContent.Unsigned) return response;
        var body = ReadBody(response, cancellationToken);
        if (UnknownSerial(response, signed) is { } serial) _refresher!.RefreshOnDemandAsync(async: false, serial, cancellationToken).GetAwaiter().GetResult();
        Verify(response, signed, body);
        return response;
    }
#endif

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = RelativePath(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var signed = SignedContentOf(response, path);
        PipelineState.MarkChecked(request);
        if (signed == SignedContent.Unsigned) return response;
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (UnknownSerial(response, signed) is { } serial) await _refresher!.RefreshOnDemandAsync(async: true, serial, cancellationToken).ConfigureAwait(false);
        Verify(response, signed, body);
        return response;
    }

#if NET
    private byte[] ReadBody(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return PipelineState.ReadResponse(response, _maxBodyBytes, cancellationToken);
        }
        catch (ResponseFormatException)
        {
            response.Dispose();
            throw;
        }
    }
#endif

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await PipelineState.ReadResponseAsync(response, _maxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ResponseFormatException)
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What the signature of this response covers, judged by the path that was asked for — never by where a redirect
    /// followed by some transport ended up. Error responses are read (for the error) but not verified; unsigned
    /// downloads are left unread, so they can stream to their destination.
    /// </summary>
    private static SignedContent? SignedContentOf(HttpResponseMessage response, string requestedPath)
        => response.IsSuccessStatusCode ? ResponseSignatureRules.For(requestedPath) : null;

    /// <summary>
    /// The serial a signed 2xx response names when the client lacks its key and a refresher could fetch it; else null.
    /// Verification afterwards decides: the response passes only if the new keys verify it.
    /// </summary>
    private string? UnknownSerial(HttpResponseMessage response, SignedContent? signed)
        => _refresher is not null && signed is not null
            && response.Headers.NonValidated.TryGetValues(WeChatPayHeaders.Serial, out var serials)
            && serials.FirstOrDefault() is { Length: > 0 } serial && !_verifier.Knows(serial)
                ? serial
                : null;

    private void Verify(HttpResponseMessage response, SignedContent? signed, byte[] body)
    {
        try
        {
            switch (signed)
            {
                case SignedContent.Body:
                    VerifyOver(response, body);
                    break;
                case SignedContent.StatementDigest:
                    VerifyOver(response, StatementDigest(response, body));
                    break;
            }
        }
        catch (ResponseVerificationException e)
        {
            var failed = WeChatPayResponses.From(response, body);
            response.Dispose();
            throw e.WithResponse(failed);
        }
    }

    private void VerifyOver(HttpResponseMessage response, ReadOnlySpan<byte> signed) => _verifier.Verify(
        Single(response, WeChatPayHeaders.Timestamp),
        Single(response, WeChatPayHeaders.Nonce),
        Single(response, WeChatPayHeaders.Signature),
        Single(response, WeChatPayHeaders.Serial),
        signed);

    private static byte[] StatementDigest(HttpResponseMessage response, byte[] body)
    {
        var sha1 = Single(response, WeChatPayHeaders.StatementSha1);
        if (string.IsNullOrEmpty(sha1))
            throw new ResponseVerificationException(VerificationFailure.MissingDigest, $"The {WeChatPayHeaders.StatementSha1} header is missing, so the statement cannot be verified.");
        if (!string.Equals(sha1, Convert.ToHexString(SHA1.HashData(body)), StringComparison.OrdinalIgnoreCase))
            throw new ResponseVerificationException(VerificationFailure.DigestMismatch, $"The statement's SHA-1 does not match {WeChatPayHeaders.StatementSha1}: the file was altered or truncated.");
        return Encoding.UTF8.GetBytes($"{{\"sha1\":\"{sha1}\"}}");
    }

    /// <summary>
    /// One header's value as received. Read through <c>HttpHeaders.NonValidated</c>: the
    /// <c>Wechatpay-*</c> headers have no parser, so the validated view would only add parsing state and enumerators.
    /// </summary>
    private static string? Single(HttpResponseMessage response, string name)
    {
        if (!response.Headers.NonValidated.TryGetValues(name, out var values) || values.Count == 0) return null;
        if (values.Count > 1)
            throw new ResponseVerificationException(VerificationFailure.MissingHeader, $"The {name} header appears more than once; a signed response carries exactly one.");
        return values.ToString();
    }

    private string RelativePath(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        return path.StartsWith(_basePath, StringComparison.Ordinal) ? path[_basePath.Length..] : path;
    }
}
