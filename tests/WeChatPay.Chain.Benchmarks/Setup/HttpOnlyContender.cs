using System.Net.Http.Headers;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// A reference, not a competitor: the same POST with the same bytes over the same kind of transport, but no JSON, no
/// signature and no verification. What it costs is what HTTP alone costs here, so <c>baseline − http-only</c> is the
/// price of the protocol, and the RSA bound can be set against what is left.
/// </summary>
public sealed class HttpOnlyContender : Contender
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _target;
    private readonly byte[] _body = System.Text.Encoding.UTF8.GetBytes(Newtonsoft.Json.JsonConvert.SerializeObject(SmartRetailOrder.Payload));

    /// <summary>Creates it over <paramref name="transport"/>, which it disposes.</summary>
    public HttpOnlyContender(HttpMessageHandler transport, Uri baseUri)
    {
        _http = new HttpClient(transport, disposeHandler: true);
        _target = new Uri(baseUri, SmartRetailOrder.Path);
    }

    /// <inheritdoc />
    public override string Name => "http-only (no crypto)";

    /// <inheritdoc />
    public override bool IsReference => true;

    /// <inheritdoc />
    public override async Task<int> CallAsync()
    {
        using var request = Request();
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
    }

    /// <inheritdoc />
    public override int Call()
    {
        using var request = Request();
        using var response = _http.Send(request);
        using var body = new MemoryStream();
        response.Content.ReadAsStream().CopyTo(body);
        return (int)body.Length;
    }

    /// <inheritdoc />
    public override void Dispose() => _http.Dispose();

    private HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _target) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = Json;
        return request;
    }
}
