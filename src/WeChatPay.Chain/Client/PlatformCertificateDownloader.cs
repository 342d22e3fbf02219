using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain;

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
    private readonly string _apiV3Key;
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
        (_apiV3Key, _known, _time, _uri) = (options.ApiV3Key!, known, time, new Uri(baseUri + Path));
    }

    /// <summary>For a client's refresher: shares the client's signer, transport (not disposed here) and keys.</summary>
    internal PlatformCertificateDownloader(RequestSigner signer, HttpMessageHandler transport, string baseUri, string apiV3Key, PlatformKeys known, TimeProvider time, TimeSpan timeout)
    {
        _http = new HttpClient(new RequestSigningHandler(signer) { InnerHandler = transport }, disposeHandler: false) { Timeout = timeout };
        (_apiV3Key, _known, _time, _uri) = (apiV3Key, known, time, new Uri(baseUri + Path));
    }

    /// <summary>Downloads, decrypts and verifies the platform certificates.</summary>
    /// <exception cref="NoPlatformCertificatesException">The merchant is in public-key mode: HTTP 404 with code <c>NOT_FOUND</c> or <c>RESOURCE_NOT_EXISTS</c>.</exception>
    /// <exception cref="ApiException">Another error answer, a 404 without those codes included (a wrong BaseUri, a proxy's page).</exception>
    /// <exception cref="ResponseVerificationException">The response is not signed by a certificate it delivers or one already known.</exception>
    /// <exception cref="DecryptionException">A certificate does not decrypt: the APIv3 key is wrong.</exception>
    /// <exception cref="TransportException">No response.</exception>
    public async Task<IReadOnlyList<PlatformCertificate>> DownloadAsync(CancellationToken cancellationToken = default)
    {
        using var request = Request();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Read(response, await PipelineState.ReadResponseAsync(response, MaxBodyBytes, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (WeChatPayClient.FailureOf(e, request, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The synchronous form of <see cref="DownloadAsync"/>.</summary>
#if NET
    public IReadOnlyList<PlatformCertificate> Download()
    {
        using var request = Request();
        try
        {
            using var response = _http.Send(request);
            return Read(response, PipelineState.ReadResponse(response, MaxBodyBytes, CancellationToken.None));
        }
        catch (Exception e) when (WeChatPayClient.FailureOf(e, request, CancellationToken.None) is { } failure)
        {
            throw failure;
        }
    }
#else
    public IReadOnlyList<PlatformCertificate> Download() => Task.Run(() => DownloadAsync(CancellationToken.None)).GetAwaiter().GetResult();
#endif

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

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
        foreach (var certificate in certificates)
            keys.TryAdd(certificate.Serial, Rsa.LoadPublicKey(certificate.Pem, $"platform certificate {certificate.Serial}"));
        try
        {
            new ResponseVerifier(keys, _time).Verify(
                response.Header(WechatpayHeaders.Timestamp), response.Header(WechatpayHeaders.Nonce),
                response.Header(WechatpayHeaders.Signature), response.Header(WechatpayHeaders.Serial), body);
        }
        catch (ResponseVerificationException e)
        {
            throw e.WithResponse(response);
        }
        return certificates;
    }

    private List<PlatformCertificate> Decrypt(WeChatPayResponse response)
    {
        if (response.Json["data"] is not JArray data)
            throw new ResponseFormatException($"{response} has no data array of certificates.", null);
        var certificates = new List<PlatformCertificate>();
        foreach (var item in data)
        {
            var serial = Text(item, "serial_no");
            var encrypted = item["encrypt_certificate"] ?? throw new ResponseFormatException($"Certificate {serial} has no encrypt_certificate.", null);
            if (Text(encrypted, "algorithm") != AeadAesGcm.Algorithm)
                throw new ResponseFormatException($"Certificate {serial} is encrypted with {encrypted["algorithm"]}; only {AeadAesGcm.Algorithm} is known.", null);
            var pem = AeadAesGcm.Decrypt(_apiV3Key, Text(encrypted, "nonce"), (string?)encrypted["associated_data"] ?? "", Text(encrypted, "ciphertext"));
            using (var certificate = Rsa.LoadCertificate(pem, $"platform certificate {serial}"))
            {
                var actual = Rsa.CertificateSerial(certificate);
                if (!string.Equals(actual, serial, StringComparison.OrdinalIgnoreCase))
                    throw new ResponseFormatException($"The certificate listed as {serial} has the serial {actual}.", null);
            }
            certificates.Add(new PlatformCertificate(serial.ToUpperInvariant(), Time(item, "effective_time"), Time(item, "expire_time"), pem));
        }
        return certificates;
    }

    private static string Text(JToken item, string name)
        => item[name] is JValue { Type: JTokenType.String } value ? (string)value! : throw new ResponseFormatException($"A certificate entry has no string '{name}'.", null);

    private static DateTimeOffset Time(JToken item, string name)
        => DateTimeOffset.TryParse(Text(item, name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new ResponseFormatException($"A certificate entry's {name} is not a date.", null);
}
