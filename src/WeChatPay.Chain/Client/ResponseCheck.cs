using System.Security.Cryptography;
using System.Text;
using Flurl.Http;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The response step of every call: reads the body under its cap and verifies WeChat Pay's signature where the path is
/// signed (see <see cref="ResponseSignatureRules"/>), fetching new platform certificates first when a refresher is set
/// and the serial is new. It runs as the client's first <c>AfterCall</c> handler, so the caller's Flurl handlers see a
/// verified response; the call path runs it itself for a request that reached the end without it (its handlers
/// removed), so no transport, fake or handler list can skip it. A failure is kept on the request, never thrown here.
/// APIv2 answers are checked by their <c>sign</c> field instead (<see cref="ApiV2Paths"/>).
/// </summary>
internal sealed class ResponseCheck(ResponseVerifier verifier, ApiV2Key? apiV2Key, string basePath) : FlurlEventHandler
{
    /// <summary>Fetches platform certificates when a response names an unknown serial; null to never fetch.</summary>
    public PlatformCertificateRefresher? Refresher { get; set; }

    /// <inheritdoc />
    public override Task HandleAsync(FlurlEventType eventType, FlurlCall call)
        => eventType == FlurlEventType.AfterCall && call.Request is SignedRequest request && call.HttpResponseMessage is { } response
            ? CheckAsync(request, response, call)
            : Task.CompletedTask;

    /// <summary>Runs the step once per attempt; synchronously when the call is synchronous.</summary>
    public async Task CheckAsync(SignedRequest request, HttpResponseMessage response, FlurlCall? call = null)
    {
        if (request.Checked) return;
        request.Checked = true;
        // Fakes answer before the wire, where the verbatim URI is put back: the recorded request shows what was signed.
        if (call?.HttpRequestMessage is { } message && message.RequestUri?.OriginalString == request.Outgoing.Uri.OriginalString)
            message.RequestUri = request.Outgoing.Uri;
        try
        {
            // Put back for reading again only when a Flurl handler runs after this one: nothing else reads it.
            var watched = call is not null && call.Client.EventHandlers.Count + call.Request.EventHandlers.Count > 1;
            await CheckBodyAsync(request, response, watched).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            request.Failure = e;
        }
        if (request.Failure is { } failure && call is not null) call.Exception ??= failure;
    }

    private async Task CheckBodyAsync(SignedRequest request, HttpResponseMessage response, bool keep)
    {
        var async = !request.Synchronous;
        if (request.Outgoing.Handling == ResponseHandling.ApiV2File && response.IsSuccessStatusCode)
        {
            // Left unread: the download tells the file from an XML failure by its first bytes.
            request.Record.Verification = ResponseVerification.Unsigned;
            return;
        }
        if (request.Outgoing.IsApiV2)
        {
            CheckApiV2(request, await ReadAsync(request, response, keep).ConfigureAwait(false), response.IsSuccessStatusCode);
            return;
        }
        var signed = response.IsSuccessStatusCode && request.Outgoing.Handling == ResponseHandling.Verify
            ? ResponseSignatureRules.For(RelativePath(request.Outgoing.Uri))
            : (SignedContent?)null;
        if (signed == SignedContent.Unsigned)
        {
            // Left unread: a file that streams to its destination, checked by its digest.
            request.Record.Verification = ResponseVerification.Unsigned;
            return;
        }
        var body = request.ResponseBody = await ReadAsync(request, response, keep).ConfigureAwait(false);
        if (signed is not { } content) return;

        var result = Verify(response, content, body);
        if (result.Failure == VerificationFailure.UnknownSerial && Refresher is { } refresher && Header(response, WeChatPayHeaders.Serial) is { } serial)
        {
            // Only a message whose every other check passed asks for new certificates; the new keys then decide.
            await refresher.RefreshOnDemandAsync(async, serial, request.Deadline).ConfigureAwait(false);
            result = Verify(response, content, body);
        }
        request.Record.Verification = result.IsValid ? ResponseVerification.Verified : ResponseVerification.Failed;
        if (!result.IsValid) request.Failure = result.ToException();
    }

    private static ValueTask<byte[]> ReadAsync(SignedRequest request, HttpResponseMessage response, bool keep)
        => ResponseBody.ReadAsync(!request.Synchronous, response, request.Outgoing.MaxBodyBytes, request.Deadline, request.Outgoing.FixedBodyLimit, keep);

    /// <summary>
    /// An APIv2 answer: a file kept as it came; an XML message parsed, and its <c>sign</c> checked when it reports
    /// <c>return_code</c> SUCCESS from an endpoint that signs (a FAIL answer carries no sign, and becomes an error).
    /// </summary>
    private void CheckApiV2(SignedRequest request, byte[] body, bool success)
    {
        request.ResponseBody = body;
        var path = RelativePath(request.Outgoing.Uri).ToString();
        if (!ApiV2Xml.LooksLikeXml(body) && (ApiV2Paths.AnswersWithFile(path) || !success))
        {
            request.Record.Verification = ResponseVerification.Unsigned;
            return;
        }
        if (!success)
        {
            // An error status is reported as such; its XML, when it reads, adds WeChat Pay's codes.
            try { request.ApiV2Fields = ApiV2Xml.Read(body, "an error answer"); } catch (ResponseFormatException) { }
            return;
        }
        var fields = ApiV2Xml.Read(body, $"The answer to {request.Verb} /{path}");
        request.ApiV2Fields = fields;
        if (!ApiV2Paths.IsSigned(path) || !fields.TryGetValue("return_code", out var code) || code != "SUCCESS")
        {
            request.Record.Verification = ResponseVerification.Unsigned;
            return;
        }
        var valid = ApiV2Signature.IsValid(fields, apiV2Key!);
        request.Record.Verification = valid ? ResponseVerification.Verified : ResponseVerification.Failed;
        if (!valid)
        {
            request.Failure = fields.ContainsKey(ApiV2Signature.SignField)
                ? new ResponseVerificationException(VerificationFailure.BadSignature, "The APIv2 answer's sign does not match its fields under the APIv2 key: it was altered, or ApiV2Key is not this merchant's.")
                : new ResponseVerificationException(VerificationFailure.MissingSign, "The APIv2 answer reports SUCCESS but carries no sign field; WeChat Pay signs every such answer of this endpoint.");
        }
    }

    private VerificationResult Verify(HttpResponseMessage response, SignedContent content, byte[] body)
    {
        foreach (var name in SignatureHeaders)
        {
            if (response.Headers.NonValidated.TryGetValues(name, out var values) && values.Count > 1)
                return VerificationResult.Failed(VerificationFailure.MissingHeader, $"The {name} header appears more than once; a signed response carries exactly one.");
        }
        var signed = body;
        if (content == SignedContent.StatementDigest)
        {
            // The statements' signature covers {"sha1":"…"} built from the digest header, which the body must match.
            var sha1 = Header(response, WeChatPayHeaders.StatementSha1);
            if (string.IsNullOrEmpty(sha1))
                return VerificationResult.Failed(VerificationFailure.MissingDigest, $"The {WeChatPayHeaders.StatementSha1} header is missing, so the statement cannot be verified.");
            if (!string.Equals(sha1, Convert.ToHexString(SHA1.HashData(body)), StringComparison.OrdinalIgnoreCase))
                return VerificationResult.Failed(VerificationFailure.DigestMismatch, $"The statement's SHA-1 does not match {WeChatPayHeaders.StatementSha1}: the file was altered or truncated.");
            signed = Encoding.UTF8.GetBytes($"{{\"sha1\":\"{sha1}\"}}");
        }
        return verifier.Check(Header(response, WeChatPayHeaders.Timestamp), Header(response, WeChatPayHeaders.Nonce),
            Header(response, WeChatPayHeaders.Signature), Header(response, WeChatPayHeaders.Serial), signed);
    }

    private static readonly string[] SignatureHeaders =
        [WeChatPayHeaders.StatementSha1, WeChatPayHeaders.Timestamp, WeChatPayHeaders.Nonce, WeChatPayHeaders.Signature, WeChatPayHeaders.Serial];

    /// <summary>
    /// A header's value as received, read through <c>HttpHeaders.NonValidated</c>: the <c>Wechatpay-*</c> headers have no
    /// parser, so the validated view would only add parsing state and enumerators.
    /// </summary>
    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0 ? values.ToString() : null;

    /// <summary>The path relative to the API root, by which the rules judge what the signature covers.</summary>
    private ReadOnlySpan<char> RelativePath(Uri uri)
    {
        var path = uri.AbsolutePath.AsSpan();
        return path.StartsWith(basePath.AsSpan(), StringComparison.Ordinal) ? path[basePath.Length..] : path;
    }
}
