using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>A simulator response read whole: status, headers, the exact body bytes, and the body as JSON.</summary>
public sealed class ApiAnswer
{
    private ApiAnswer(HttpStatusCode status, Dictionary<string, string> headers, byte[] body)
    {
        Status = status;
        Headers = headers;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonObject Json => JsonNode.Parse(Body) as JsonObject ?? throw new AssertionException($"Not a JSON object: {Text}");

    public string? Code => Json["code"]?.GetValue<string>();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Throws <see cref="ResponseVerificationException"/> unless the Wechatpay-* headers sign this body.</summary>
    public void Verify(ResponseVerifier verifier)
        => verifier.Verify(Header(WeChatPayHeaders.Timestamp), Header(WeChatPayHeaders.Nonce), Header(WeChatPayHeaders.Signature), Header(WeChatPayHeaders.Serial), Body);

    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)) headers[name] = string.Join(", ", values);
        return new ApiAnswer(response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    public override string ToString() => $"HTTP {(int)Status} {Text}";
}
