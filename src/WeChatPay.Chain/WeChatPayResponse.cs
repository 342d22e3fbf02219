using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// A response from WeChat Pay: status, headers, the raw body exactly as received, and the body as JSON.
/// Called through the dynamic face, <c>r.Json.order_id</c> reads a field; typed code uses <see cref="ToObject{T}"/>.
/// Through <c>dynamic</c> it also answers to the names porters bring along (<c>r.data</c>, <c>r.status</c>,
/// <c>r.getStatusCode()</c>, <c>r.getBody()</c>, …; see <see cref="TryGetMember"/>).
/// </summary>
public sealed partial class WeChatPayResponse
{
    private JToken? _json;
    private ApiV2Fields? _xml;
    private IReadOnlyDictionary<string, string>? _headers;
    private readonly HttpResponseMessage? _message;

    /// <summary>Creates a response from what came over the wire.</summary>
    /// <param name="method">The request method, upper case.</param>
    /// <param name="requestTarget">The request's path and query as sent.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">Response and content headers; multiple values joined with <c>", "</c>.</param>
    /// <param name="body">The body bytes as received.</param>
    public WeChatPayResponse(string method, string requestTarget, HttpStatusCode statusCode, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Method = method;
        RequestTarget = requestTarget;
        StatusCode = statusCode;
        _headers = headers;
        Body = body;
    }

    /// <summary>The response <paramref name="message"/> gave to <paramref name="call"/>, whose headers are copied only when first asked for.</summary>
    internal WeChatPayResponse(HttpResponseMessage message, byte[] body, WeChatPayCall call)
    {
        Method = call.Method;
        RequestTarget = call.RequestTarget ?? "";
        StatusCode = message.StatusCode;
        _message = message;
        Body = body;
        Call = call;
    }

    /// <summary>The record of the call that produced this response: what was sent and signed, attempts, timings; null for a response made by hand.</summary>
    public WeChatPayCall? Call { get; internal set; }

    /// <summary>The method of the request that produced this response.</summary>
    public string Method { get; }

    /// <summary>
    /// The path and query of the request, as sent and signed. Messages and <see cref="ToString"/> show the value of a
    /// <c>token</c> query parameter (a bill's download token) as <c>…</c>.
    /// </summary>
    public string RequestTarget { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The HTTP status as a number, as PHP's <c>getStatusCode()</c> and axios' <c>status</c> give it.</summary>
    public int Status => (int)StatusCode;

    /// <summary>Response headers, looked up case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers ??= HeaderDictionary.Of(_message!.Headers, _message.Content);

    /// <summary>The raw body bytes, exactly those that were verified.</summary>
    public byte[] Body { get; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>WeChat Pay's <c>Request-ID</c> header, which its support asks for; null when absent.</summary>
    public string? RequestId => Header("Request-ID");

    /// <summary>
    /// The body parsed as JSON (parsed once, on first use). An empty body gives a JSON null.
    /// Through <c>dynamic</c>, fields read as members: <c>r.Json.order_id</c>.
    /// </summary>
    /// <exception cref="ResponseFormatException">The body is not JSON.</exception>
    public JToken Json => _json ??= Parse();

    /// <summary>
    /// The fields of an APIv2 answer (a call to a <c>v2/…</c> path): <c>r.Xml["result_code"]</c>, or through
    /// <c>dynamic</c> <c>r.Xml.result_code</c>. Read and checked when the answer came in.
    /// </summary>
    /// <exception cref="ResponseFormatException">This is not an APIv2 XML answer (an APIv3 answer, or a bill file).</exception>
    public ApiV2Fields Xml => _xml ?? throw new ResponseFormatException(
        $"The body of {Method} {ShownTarget.Of(RequestTarget)} is not an APIv2 XML message (APIv2 answers are those of v2/ paths; a bill is a file): read Json, Text or Body.", null);

    /// <summary>Set by the client for an APIv2 answer.</summary>
    internal IReadOnlyDictionary<string, string>? ApiV2Fields { set => _xml = value is null ? null : value as ApiV2Fields ?? new ApiV2Fields(value); }

    /// <summary>Returns one header's value, or null when the response has no such header.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Deserialises the JSON body (for an APIv2 answer, its <see cref="Xml"/> fields) into <typeparamref name="T"/>.</summary>
    /// <exception cref="ResponseFormatException">The body is not JSON or does not fit <typeparamref name="T"/>.</exception>
    public T? ToObject<T>()
    {
        try
        {
            return (_xml is { } fields ? JObject.FromObject(fields.ToDictionary(f => f.Key, f => f.Value)) : Json).ToObject<T>();
        }
        catch (Exception e) when (TypedJson.IsMismatch(e))
        {
            throw new ResponseFormatException($"The body of {Method} {ShownTarget.Of(RequestTarget)} does not fit {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {ShownTarget.Of(RequestTarget)} -> HTTP {Status}" + (RequestId is { } id ? $" (Request-ID {id})" : "");

    private JToken Parse()
    {
        if (Body.Length == 0) return JValue.CreateNull();
        try
        {
            return TypedJson.Parse(new StreamReader(new MemoryStream(Body, writable: false), Encoding.UTF8));
        }
        catch (JsonException e)
        {
            throw new ResponseFormatException($"The body of {Method} {ShownTarget.Of(RequestTarget)} (HTTP {Status}, {Body.Length} bytes) is not JSON: {e.Message} Read it as Text or Body instead.", e);
        }
    }
}
