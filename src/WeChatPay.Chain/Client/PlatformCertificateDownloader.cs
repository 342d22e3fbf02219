using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Downloads WeChat Pay's platform certificates from <c>GET /v3/certificates</c>: a signed request, the certificates
/// decrypted with the APIv3 key, and the response verified — with the certificate it names, which may be one it
/// delivers (the first download has nothing else to check against) or one already known.
/// </summary>
public sealed class PlatformCertificateDownloader : IDisposable
{
    private const string Path = "v3/certificates";
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly HttpClient _http;
    private readonly AeadAesGcm _cipher;
    private readonly PlatformKeys _known;
    private readonly TimeProvider _time;
    private readonly Uri _uri;

    /// <summary>Creates a downloader for one merchant. <see cref="ClientOptions.Certs"/> may be empty.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable, <see cref="ClientOptions.ApiV3Key"/> included.</exception>
    public PlatformCertificateDownloader(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = ClientSettings.Validate(options);
        AeadAesGcm.ValidateKey(options.ApiV3Key);
        var time = options.TimeProvider ?? TimeProvider.System;
        var privateKey = Rsa.LoadPrivateKey(options.PrivateKey, nameof(options.PrivateKey));
        var signer = new RequestSigner(options.MchId, options.Serial, privateKey, time);
        var known = PlatformKeys.Load(options.Certs, options.Serial, allowEmpty: true, merchantKey: privateKey);
        var transport = options.HttpMessageHandler ?? DefaultTransport.Create();
        _http = new HttpClient(new RequestSigningHandler(signer) { InnerHandler = transport }, disposeHandler: options.HttpMessageHandler is null) { Timeout = options.Timeout };
        (_cipher, _known, _time, _uri) = (new AeadAesGcm(options.ApiV3Key!), known, time, new Uri(baseUri + Path));
    }

    /// <summary>For a client's refresher: shares the client's signer, transport (not disposed here) and keys.</summary>
    internal PlatformCertificateDownloader(RequestSigner signer, HttpMessageHandler transport, string baseUri, string apiV3Key, PlatformKeys known, TimeProvider time, TimeSpan timeout)
    {
        _http = new HttpClient(new RequestSigningHandler(signer) { InnerHandler = transport }, disposeHandler: false) { Timeout = timeout };
        (_cipher, _known, _time, _uri) = (new AeadAesGcm(apiV3Key), known, time, new Uri(baseUri + Path));
    }

    /// <summary>Downloads, decrypts and verifies the platform certificates.</summary>
    /// <exception cref="NoPlatformCertificatesException">The merchant is in public-key mode: HTTP 404 with code <c>NOT_FOUND</c> or <c>RESOURCE_NOT_EXISTS</c>.</exception>
    /// <exception cref="ApiException">Another error answer, a 404 without those codes included (a wrong BaseUri, a proxy's page).</exception>
    /// <exception cref="ResponseFormatException">The answer is larger than 1 MiB, or not the documented list of certificates.</exception>
    /// <exception cref="ResponseVerificationException">The response is not signed by a certificate it delivers or one already known.</exception>
    /// <exception cref="DecryptionException">A certificate does not decrypt: the APIv3 key is wrong.</exception>
    /// <exception cref="TransportException">No response, or one that did not arrive within the timeout.</exception>
    public async Task<IReadOnlyList<PlatformCertificate>> DownloadAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request();
        try
        {
            // Headers first, then the body read here under the cap: the default would have HttpClient buffer up to
            // 2 GB before the cap applied. The timeout then covers the body on its own, as the client's calls do.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return Read(response, await PipelineState.ReadWithinAsync(response, MaxBodyBytes, _http.Timeout, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (WeChatPayClient.FailureOf(e, request, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The synchronous form of <see cref="DownloadAsync(CancellationToken)"/>.</summary>
#if NET
    public IReadOnlyList<PlatformCertificate> Download(CancellationToken cancellationToken = default)
    {
        using var request = Request();
        try
        {
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return Read(response, PipelineState.ReadWithin(response, MaxBodyBytes, _http.Timeout, cancellationToken));
        }
        catch (Exception e) when (WeChatPayClient.FailureOf(e, request, cancellationToken, synchronous: true) is { } failure)
        {
            throw failure;
        }
    }
#else
    public IReadOnlyList<PlatformCertificate> Download(CancellationToken cancellationToken = default) => Task.Run(() => DownloadAsync(cancellationToken)).GetAwaiter().GetResult();
#endif

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The download as a refresher asks for it.</summary>
    internal ValueTask<IReadOnlyList<PlatformCertificate>> DownloadAsync(bool async, CancellationToken cancellationToken)
        => async ? new(DownloadAsync(cancellationToken)) : new(Download(cancellationToken));

    private HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        PipelineState.Attach(request, []);
        return request;
    }

    private IReadOnlyList<PlatformCertificate> Read(HttpResponseMessage http, byte[] body)
    {
        var response = WeChatPayResponses.From(http, body);
        if (!http.IsSuccessStatusCode)
        {
            // Only WeChat Pay's own answer means public-key mode: a 404 with one of its codes. A bare 404 comes from a
            // wrong BaseUri or a proxy page, and a code without the 404 is some other failure; both stay ApiException.
            // ApiException reads the code without failing on an HTML or empty body.
            var error = new ApiException(response);
            throw (int)http.StatusCode == 404 && error.Code is "NOT_FOUND" or "RESOURCE_NOT_EXISTS"
                ? new NoPlatformCertificatesException(response)
                : error;
        }

        var certificates = Decrypt(response);
        var keys = _known.ToDictionary(known => known.Key, known => known.Value, StringComparer.OrdinalIgnoreCase);
        // The delivered certificates' keys are loaded only to check this answer (PlatformKeys loads its own copies).
        var delivered = new List<RSA>();
        try
        {
            foreach (var certificate in certificates)
            {
                if (keys.ContainsKey(certificate.Serial)) continue;
                var key = Delivered(response, certificate.Serial, () => Rsa.LoadPublicKey(certificate.Pem, $"platform certificate {certificate.Serial}"));
                delivered.Add(key);
                keys.Add(certificate.Serial, key);
            }
            new ResponseVerifier(keys, _time).Verify(
                response.Header(WeChatPayHeaders.Timestamp), response.Header(WeChatPayHeaders.Nonce),
                response.Header(WeChatPayHeaders.Signature), response.Header(WeChatPayHeaders.Serial), body);
        }
        catch (ResponseVerificationException e)
        {
            throw e.WithResponse(response);
        }
        finally
        {
            foreach (var key in delivered) key.Dispose();
        }
        return certificates;
    }

    /// <summary>
    /// Reads and decrypts the certificates. Every field is checked for its type before it is used, so an answer of
    /// another shape is a <see cref="ResponseFormatException"/> naming the field, never an exception from the JSON reader.
    /// </summary>
    private List<PlatformCertificate> Decrypt(WeChatPayResponse response)
    {
        if (response.Json is not JObject document || document["data"] is not JArray data)
            throw new ResponseFormatException($"{response} is not a JSON object with a data array of certificates.", null);
        var certificates = new List<PlatformCertificate>();
        for (var index = 0; index < data.Count; index++)
        {
            if (data[index] is not JObject item)
                throw new ResponseFormatException($"{response}: data[{index}] is a {TypeOf(data[index])}, not a certificate object.", null);
            var serial = Text(item, "serial_no", $"data[{index}]");
            if (item["encrypt_certificate"] is not JObject encrypted)
                throw new ResponseFormatException($"{response}: certificate {serial} has no encrypt_certificate object.", null);
            var where = $"certificate {serial}'s encrypt_certificate";
            var algorithm = Text(encrypted, "algorithm", where);
            if (algorithm != AeadAesGcm.Algorithm)
                throw new ResponseFormatException($"{response}: certificate {serial} is encrypted with {algorithm}; only {AeadAesGcm.Algorithm} is known.", null);
            var associatedData = encrypted["associated_data"] switch
            {
                null or { Type: JTokenType.Null } => "",
                JValue { Type: JTokenType.String } text => (string)text!,
                var other => throw new ResponseFormatException($"{response}: {where}.associated_data is a {TypeOf(other)}, not a string.", null),
            };
            var pem = _cipher.Decrypt(Text(encrypted, "nonce", where), associatedData, Text(encrypted, "ciphertext", where));
            // Only PEM text goes on to the loader, which would also take a file:// path and read that file.
            if (!pem.TrimStart().StartsWith("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                throw new ResponseFormatException($"{response}: certificate {serial} does not decrypt to a PEM certificate.", null);
            using (var certificate = Delivered(response, serial, () => Rsa.LoadCertificate(pem, $"platform certificate {serial}")))
            {
                var actual = Rsa.CertificateSerial(certificate);
                if (!string.Equals(actual, serial, StringComparison.OrdinalIgnoreCase))
                    throw new ResponseFormatException($"{response}: the certificate listed as {serial} has the serial {actual}.", null);
            }
            var at = $"certificate {serial}";
            certificates.Add(new PlatformCertificate(serial.ToUpperInvariant(), Time(item, "effective_time", at), Time(item, "expire_time", at), pem));
        }
        return certificates;
    }

    /// <summary>
    /// Loads what a delivered certificate holds. The loaders report an unusable certificate as a setting to fix; here
    /// it came in the answer, so it is the answer's fault.
    /// </summary>
    private static T Delivered<T>(WeChatPayResponse response, string serial, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (ConfigurationException e)
        {
            throw new ResponseFormatException($"{response}: certificate {serial} is not a usable certificate: {e.Message}", e);
        }
    }

    private static string Text(JObject item, string name, string where)
        => item[name] is JValue { Type: JTokenType.String } value
            ? (string)value!
            : throw new ResponseFormatException($"The certificates answer's {where} has no string '{name}'.", null);

    private static DateTimeOffset Time(JObject item, string name, string where)
        => DateTimeOffset.TryParse(Text(item, name, where), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ResponseFormatException($"The certificates answer's {where} has an {name} that is not a date.", null);

    private static string TypeOf(JToken token) => token.Type.ToString().ToLowerInvariant();
}
