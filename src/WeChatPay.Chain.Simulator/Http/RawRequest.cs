using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// A request exactly as it arrived: the request-target before any decoding and the body bytes, which is what the
/// signature covers. Handlers read the same bytes, so what is verified is what is acted on.
/// </summary>
internal sealed class RawRequest
{
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
