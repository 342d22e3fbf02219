using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;

namespace WeChatPay.Chain.Benchmarks.Baseline;

/// <summary>
/// The yardstick: the create-order call written by hand, as tightly as we could, without the library. One
/// <see cref="HttpClient"/>, the same cached RSA keys, and inline: the JSON body (Newtonsoft.Json with one cached
/// serializer, nulls omitted, as the library), <c>METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n</c> in a pooled buffer, the
/// RSA signature into the stack, the <c>Authorization</c> header built in one string, and every check of the response
/// the protocol asks for (each header present once, the 300 s window, probe signatures, the serial, the RSA signature
/// over the raw body). It serves one fixed endpoint and allocates only what it cannot avoid.
/// </summary>
public sealed class HandWrittenClient : IDisposable
{
    private const string NonceAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int NonceLength = 32;
    private const long MaxSkewSeconds = 300;
    private const string UserAgent = "HandWritten/1.0";
    private const string ProbePrefix = "WECHATPAY/SIGNTEST/";

    private static readonly JsonSerializer Json = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore, DateParseHandling = DateParseHandling.None });
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _http;
    private readonly RSA _merchantKey;
    private readonly RSA _platformKey;
    private readonly string _platformKeyId;
    private readonly TimeProvider _clock;
    private readonly Uri _target;
    private readonly byte[] _signedPrefix;
    private readonly string _authorizationPrefix;

    /// <summary>Creates the baseline for <c>POST {baseUri}{path}</c>.</summary>
    /// <param name="transport">The transport; disposed with this client.</param>
    /// <param name="baseUri">The API root, ending in <c>/</c>.</param>
    /// <param name="path">The path relative to it, already percent-encoded.</param>
    /// <param name="mchId">The merchant id.</param>
    /// <param name="merchantSerial">The merchant certificate serial.</param>
    /// <param name="merchantKey">The merchant private key, parsed once.</param>
    /// <param name="platformKeyId">The only <c>Wechatpay-Serial</c> accepted.</param>
    /// <param name="platformKey">WeChat Pay's public key, parsed once.</param>
    /// <param name="clock">The clock for request timestamps and the response window.</param>
    public HandWrittenClient(HttpMessageHandler transport, Uri baseUri, string path, string mchId, string merchantSerial, RSA merchantKey,
        string platformKeyId, RSA platformKey, TimeProvider clock)
    {
        _http = new HttpClient(transport, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
        _target = new Uri(baseUri, path);
        _signedPrefix = Encoding.ASCII.GetBytes($"POST\n{_target.PathAndQuery}\n");
        _authorizationPrefix = $"WECHATPAY2-SHA256-RSA2048 mchid=\"{mchId}\",serial_no=\"{merchantSerial}\",nonce_str=\"";
        _merchantKey = merchantKey;
        _platformKey = platformKey;
        _platformKeyId = platformKeyId;
        _clock = clock;
    }

    /// <summary>Sends the order asynchronously and returns the verified response body.</summary>
    public async Task<byte[]> PostAsync(object payload, CancellationToken cancellationToken = default)
    {
        using var request = SignedRequest(Serialize(payload));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
        Verify(response, body);
        return body;
    }

    /// <summary>Sends the order synchronously (<see cref="HttpClient.Send(HttpRequestMessage)"/>) and returns the verified response body.</summary>
    public byte[] Post(object payload)
    {
        using var request = SignedRequest(Serialize(payload));
        using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        var body = ReadBody(response.Content);
        Verify(response, body);
        return body;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static byte[] Serialize(object payload)
    {
        using var text = new StringWriter(new StringBuilder(512), CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text)) Json.Serialize(writer, payload);
        return Utf8.GetBytes(text.GetStringBuilder().ToString());
    }

    private HttpRequestMessage SignedRequest(byte[] body)
    {
        Span<char> nonce = stackalloc char[NonceLength];
        RandomNumberGenerator.GetItems(NonceAlphabet, nonce);
        var seconds = _clock.GetUtcNow().ToUnixTimeSeconds();

        var length = _signedPrefix.Length + 20 + 1 + NonceLength + 1 + body.Length + 1;
        var message = ArrayPool<byte>.Shared.Rent(length);
        Span<byte> signature = stackalloc byte[_merchantKey.KeySize / 8];
        int signed;
        try
        {
            var at = _signedPrefix.Length;
            _signedPrefix.CopyTo(message, 0);
            seconds.TryFormat(message.AsSpan(at), out var digits, default, CultureInfo.InvariantCulture);
            at += digits;
            message[at++] = (byte)'\n';
            at += Encoding.ASCII.GetBytes(nonce, message.AsSpan(at));
            message[at++] = (byte)'\n';
            body.CopyTo(message, at);
            at += body.Length;
            message[at++] = (byte)'\n';
            if (!_merchantKey.TrySignData(message.AsSpan(0, at), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out signed))
                throw new CryptographicException("The signature did not fit the key size.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }

        Span<char> header = stackalloc char[_authorizationPrefix.Length + NonceLength + 64 + signed * 4 / 3 + 8];
        var written = 0;
        Put(_authorizationPrefix, header, ref written);
        Put(nonce, header, ref written);
        Put("\",timestamp=\"", header, ref written);
        seconds.TryFormat(header[written..], out var timestampLength, default, CultureInfo.InvariantCulture);
        written += timestampLength;
        Put("\",signature=\"", header, ref written);
        Convert.TryToBase64Chars(signature[..signed], header[written..], out var base64Length);
        written += base64Length;
        Put("\"", header, ref written);

        var request = new HttpRequestMessage(HttpMethod.Post, _target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        request.Headers.TryAddWithoutValidation("Authorization", new string(header[..written]));
        return request;
    }

    private static void Put(ReadOnlySpan<char> text, Span<char> into, ref int at)
    {
        text.CopyTo(into[at..]);
        at += text.Length;
    }

    private void Verify(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}", null, response.StatusCode);
        var headers = response.Headers.NonValidated;
        var timestamp = Single(headers, "Wechatpay-Timestamp");
        var nonce = Single(headers, "Wechatpay-Nonce");
        var signature = Single(headers, "Wechatpay-Signature");
        var serial = Single(headers, "Wechatpay-Serial");

        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(_clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > MaxSkewSeconds)
            throw new CryptographicException("Wechatpay-Timestamp is not within 300 s of the local clock.");
        if (signature.StartsWith(ProbePrefix, StringComparison.Ordinal)) throw new CryptographicException("A WECHATPAY/SIGNTEST/ probe signature.");
        if (!string.Equals(serial, _platformKeyId, StringComparison.OrdinalIgnoreCase)) throw new CryptographicException("Unknown Wechatpay-Serial.");

        Span<byte> signatureBytes = stackalloc byte[512];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var signatureLength)) throw new CryptographicException("Wechatpay-Signature is not Base64.");

        var length = Encoding.UTF8.GetByteCount(timestamp) + Encoding.UTF8.GetByteCount(nonce) + body.Length + 3;
        var message = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = Encoding.UTF8.GetBytes(timestamp, message);
            message[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(nonce, message.AsSpan(at));
            message[at++] = (byte)'\n';
            body.CopyTo(message.AsSpan(at));
            at += body.Length;
            message[at++] = (byte)'\n';
            if (!_platformKey.VerifyData(message.AsSpan(0, at), signatureBytes[..signatureLength], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                throw new CryptographicException("Wechatpay-Signature does not match the body.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    private static string Single(HttpHeadersNonValidated headers, string name)
        => headers.TryGetValues(name, out var values) && values.Count == 1 ? values.ToString()
            : throw new CryptographicException($"{name} is missing or repeated.");

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is not { } length || length > Array.MaxLength)
            return await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var body = new byte[length];
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false)) await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static byte[] ReadBody(HttpContent content)
    {
        if (content.Headers.ContentLength is not { } length || length > Array.MaxLength)
        {
            using var buffer = new MemoryStream();
            content.CopyTo(buffer, null, default);
            return buffer.ToArray();
        }
        var body = new byte[length];
        using var stream = content.ReadAsStream();
        stream.ReadExactly(body);
        return body;
    }
}
