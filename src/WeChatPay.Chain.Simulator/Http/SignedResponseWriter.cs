using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Writes a /v3 response: serialises once, signs those exact bytes, then sends them unchanged, so the signature
/// always matches what the client receives. Files (bills) go out unsigned, as WeChat Pay sends them.
/// </summary>
internal sealed class SignedResponseWriter
{
    private readonly ResponseSigner _signer;

    public SignedResponseWriter(ResponseSigner signer) => _signer = signer;

    public async Task WriteAsync(HttpContext context, int status, JsonNode? body, bool asPublicKeyId, CancellationToken cancellationToken)
    {
        var bytes = body is null ? [] : WireJson.Serialize(body);
        var response = context.Response;
        response.StatusCode = status;
        foreach (var (name, value) in _signer.Sign(bytes, asPublicKeyId)) response.Headers[name] = value;
        if (bytes.Length > 0) response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a file as is with no <c>Wechatpay-*</c> headers: WeChat Pay does not sign bill downloads, and a client
    /// checks them against the digest it was given when it applied for the bill instead.
    /// </summary>
    public static async Task WriteUnsignedAsync(HttpContext context, byte[] file, string contentType, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = file.Length;
        await response.Body.WriteAsync(file, cancellationToken).ConfigureAwait(false);
    }
}
