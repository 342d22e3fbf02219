using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Writes a /v3 response: serialises once, signs those exact bytes, then sends them unchanged, so the signature
/// always matches what the client receives. Files (bills, complaint images) go out unsigned, as WeChat Pay sends them;
/// statements are signed over their digest.
/// </summary>
internal sealed class SignedResponseWriter
{
    private readonly ResponseSigner _signer;

    public SignedResponseWriter(ResponseSigner signer) => _signer = signer;

    public async Task WriteAsync(HttpContext context, int status, JsonNode? body, PlatformKey key, CancellationToken cancellationToken)
    {
        var bytes = body is null ? [] : WireJson.Serialize(body);
        var response = context.Response;
        response.StatusCode = status;
        foreach (var (name, value) in _signer.Sign(bytes, key)) response.Headers[name] = value;
        if (bytes.Length > 0) response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a statement (<c>GET /v3/statements</c>): the file as is, with <c>Wechatpay-Statement-Sha1</c> and a signature
    /// over <c>{"sha1":"&lt;that header&gt;"}</c>, which is what WeChat Pay signs for statements rather than the file itself.
    /// </summary>
    public async Task WriteStatementAsync(HttpContext context, byte[] file, string contentType, PlatformKey key, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = 200;
        foreach (var (name, value) in StatementHeaders(file, key)) response.Headers[name] = value;
        response.ContentType = contentType;
        response.ContentLength = file.Length;
        await response.Body.WriteAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The headers of a statement: its SHA-1 in lower-case hex, and the signature over <c>{"sha1":"…"}</c> with that same text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StatementHeaders(byte[] file, PlatformKey key)
    {
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(file));
        return [new(WeChatPayHeaders.StatementSha1, sha1), .. _signer.Sign(Encoding.UTF8.GetBytes($"{{\"sha1\":\"{sha1}\"}}"), key)];
    }

    /// <summary>
    /// Sends a file as is with no <c>Wechatpay-*</c> headers: WeChat Pay does not sign bill downloads (a client checks
    /// them against the digest it was given when it applied for the bill instead) nor complaint images.
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
