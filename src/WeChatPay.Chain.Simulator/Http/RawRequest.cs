using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// A request exactly as it arrived: the request-target before any decoding and the body bytes, which is what the
/// signature covers. Handlers read the same bytes, so what is verified is what is acted on.
/// </summary>
internal sealed class RawRequest
{
    /// <summary>The part of a multipart upload whose bytes the signature covers instead of the body.</summary>
    public const string MetaPart = "meta";

    private MultipartForm? _multipart;

    private RawRequest(string method, string rawTarget, byte[] body, HttpRequest request)
    {
        Method = method;
        RawTarget = rawTarget;
        Body = body;
        Http = request;
    }

    public string Method { get; }

    /// <summary>The request-target as received, e.g. <c>/v3/payscore/smartretail-orders?appid=wx1</c>.</summary>
    public string RawTarget { get; }

    public byte[] Body { get; }

    public HttpRequest Http { get; }

    /// <summary>The path part of <see cref="RawTarget"/>, still percent-encoded.</summary>
    public string RawPath
    {
        get
        {
            var query = RawTarget.IndexOf('?');
            var path = query < 0 ? RawTarget : RawTarget[..query];
            return path.StartsWith('/') ? path : Http.Path.ToUriComponent();
        }
    }

    /// <summary>Whether the body is <c>multipart/form-data</c>, as on WeChat Pay's upload APIs.</summary>
    public bool IsMultipart => MultipartForm.IsMultipartFormData(Http.ContentType);

    /// <summary>The body split into parts, read once.</summary>
    /// <exception cref="ApiError">400 PARAM_ERROR: the body is not well-formed multipart.</exception>
    public MultipartForm Multipart => _multipart ??= MultipartForm.Parse(Http.ContentType, Body);

    /// <summary>
    /// The bytes the request signature covers: the body, except for <c>multipart/form-data</c>, where WeChat Pay signs
    /// the <c>meta</c> part's JSON exactly as sent in that part and never the multipart body around it.
    /// </summary>
    /// <exception cref="ApiError">400 PARAM_ERROR: a multipart body that is malformed or has no <c>meta</c> part.</exception>
    public ReadOnlySpan<byte> SignedBody
    {
        get
        {
            if (!IsMultipart) return Body;
            return Multipart.Part(MetaPart) is { } meta
                ? meta.Content.Span
                : throw ApiError.Param(MetaPart, "the multipart body has no meta part; uploads sign the meta JSON, so it is required");
        }
    }

    /// <summary>The simulator's root as this request addressed it, e.g. <c>http://127.0.0.1:54321/</c>, for URLs it hands out.</summary>
    public Uri BaseUri => new($"{Http.Scheme}://{Http.Host.ToUriComponent()}/");

    /// <summary>
    /// The scheme the <c>Authorization</c> header names: 国密 for <c>WECHATPAY2-SM2-WITH-SM3</c>, else RSA. Known before
    /// the signature is checked, so that a refusal is answered in the request's own scheme.
    /// </summary>
    public SignatureScheme Scheme => Header("Authorization") is { } authorization
        && authorization.TrimStart().StartsWith(AuthorizationHeader.Sm2Scheme + " ", StringComparison.Ordinal)
            ? SignatureScheme.Sm2WithSm3
            : SignatureScheme.Rsa2048WithSha256;

    public string? Header(string name) => Http.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    public static async Task<RawRequest> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target)) target = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return new RawRequest(context.Request.Method, target, buffer.ToArray(), context.Request);
    }
}
