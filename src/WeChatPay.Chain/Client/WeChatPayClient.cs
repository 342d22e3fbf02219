using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Notifications;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The static core under the chained syntax: turns (method, path template, options) into a signed request, sends it
/// through one long-lived <see cref="HttpClient"/> whose pipeline signs and verifies, and maps the outcome to a
/// <see cref="WeChatPayResponse"/> or a <see cref="WeChatPayException"/>. Safe to share between threads; build one per
/// merchant and keep it for the life of the application.
/// </summary>
public sealed partial class WeChatPayClient : IChainSender, IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _baseUri;
    private readonly WeChatPayCredentials _credentials;
    private readonly bool _ownsCredentials;
    private readonly Func<ISensitiveEncryptor> _encryptor;
    private readonly int _maxBodyBytes;

    /// <summary>Validates the options, loads the keys once, and builds the pipeline: [retry →] signing → verification → transport.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable; the message names it.</exception>
    public WeChatPayClient(ClientOptions options) : this(WeChatPayCredentials.Load(options), null, options.HttpMessageHandler)
    {
        _ownsCredentials = true;
    }

    /// <summary>
    /// Uses an <see cref="HttpClient"/> you built — for example from <c>IHttpClientFactory</c> — whose pipeline holds
    /// <see cref="WeChatPayCredentials.CreateHandlers"/>. Every call checks that its request went through the signing
    /// step and its response through the verification step, and fails with a <see cref="ConfigurationException"/>
    /// otherwise, so a pipeline without them cannot pass unverified responses on. The client does not dispose either.
    /// </summary>
    public WeChatPayClient(WeChatPayCredentials credentials, HttpClient httpClient) : this(credentials, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), null) { }

    private WeChatPayClient(WeChatPayCredentials credentials, HttpClient? httpClient, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _baseUri = credentials.BaseUri.AbsoluteUri;
        _maxBodyBytes = credentials.MaxResponseBodyBytes;
        _encryptor = credentials.PlatformKeys.Encryptor;
        MchId = credentials.MchId;
        BaseUri = credentials.BaseUri;
        Signer = credentials.Signer;
        Verifier = credentials.Verifier;
        PlatformKeys = credentials.PlatformKeys;
        if (httpClient is null)
        {
            HttpMessageHandler pipeline = transport ?? DefaultTransport.Create();
            foreach (var step in credentials.CreateHandlers().Reverse())
            {
                step.InnerHandler = pipeline;
                pipeline = step;
            }
            // A transport given in ClientOptions stays the caller's: the steps are dropped with the client, not it.
            httpClient = new HttpClient(pipeline, disposeHandler: transport is null) { Timeout = credentials.Timeout };
            _ownsHttp = true;
        }
        _http = httpClient;
        Root = new ChainRoot(this);
    }

    /// <summary>The merchant id requests are signed for.</summary>
    public string MchId { get; }

    /// <summary>Where requests go.</summary>
    public Uri BaseUri { get; }

    /// <summary>The signer, for requests built outside the client.</summary>
    public RequestSigner Signer { get; }

    /// <summary>The verifier, for notifications and responses received outside the client.</summary>
    public ResponseVerifier Verifier { get; }

    /// <summary>The platform keys responses are verified with.</summary>
    public PlatformKeys PlatformKeys { get; }

    /// <summary>Verifies and decrypts callback notifications with this client's platform keys and APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The client was built without <see cref="ClientOptions.ApiV3Key"/>.</exception>
    public NotificationReader Notifications => _credentials.Notifications
        ?? throw new ConfigurationException("ApiV3Key is not set: notifications cannot be decrypted. Set ClientOptions.ApiV3Key to the 32-character APIv3 key.");

    /// <summary>
    /// The id (<c>PUB_KEY_ID_…</c> or certificate serial) of the key <see cref="Encrypt"/> and <see cref="Sensitive"/> use
    /// at this moment. With auto-refreshing platform certificates it can change between two reads: to pair a
    /// ciphertext with its id, use <see cref="EncryptForPlatform"/>.
    /// </summary>
    public string EncryptionKeyId => PlatformKeys.EncryptionKeyId;

    /// <summary>
    /// Encrypts a sensitive value for WeChat Pay with the key <see cref="EncryptionKeyId"/> names (RSAES-OAEP, SHA-1).
    /// Prefer <see cref="EncryptForPlatform"/>, which also returns the id for the <c>Wechatpay-Serial</c> header — or put
    /// <see cref="Sensitive"/> values in <c>json</c> and let the client do both.
    /// </summary>
    public string Encrypt(string plaintext) => _encryptor().Encrypt(plaintext);

    /// <summary>
    /// Encrypts a sensitive value for WeChat Pay (RSAES-OAEP, SHA-1) and returns the ciphertext with the id of the key
    /// that encrypted it, both taken from one snapshot of <see cref="PlatformKeys"/>. Send <c>KeyId</c> as the request's
    /// <c>Wechatpay-Serial</c> header: unlike reading <see cref="Encrypt"/> and <see cref="EncryptionKeyId"/> one after the
    /// other, a platform certificate refresh in between cannot make the header name another key.
    /// </summary>
    /// <exception cref="ConfigurationException">No WeChat Pay key is known yet.</exception>
    public (string Ciphertext, string KeyId) EncryptForPlatform(string plaintext)
    {
        var encryptor = _encryptor();
        return (encryptor.Encrypt(plaintext), encryptor.KeyId);
    }

    /// <summary>Decrypts a sensitive field of a response with the merchant private key.</summary>
    /// <exception cref="DecryptionException">It was not encrypted for this merchant's key.</exception>
    public string Decrypt(string ciphertext) => _credentials.Decryptor.Decrypt(ciphertext);

    /// <summary>The root of the chained syntax: <c>((dynamic)client.Root).V3.Pay.Transactions…</c>.</summary>
    public ChainNode Root { get; }

    /// <summary>A node for a path given verbatim, as <c>$instance->chain('v3/…')</c> in PHP.</summary>
    public ChainNode Chain(string path) => Root.Chain(path);

    /// <summary>Sends a request to a path template and returns the verified response.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to <see cref="BaseUri"/>, verbatim, with <c>{name}</c> placeholders.</param>
    /// <param name="options">json, query, body, headers and placeholder values; see the docs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RequestOptionsException">The options cannot make a request; nothing was sent.</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="ResponseVerificationException">The 2xx response failed verification.</exception>
    /// <exception cref="TransportException">No response: connection failure or timeout.</exception>
    public Task<WeChatPayResponse> SendAsync(HttpMethod method, string path, object? options = null, CancellationToken cancellationToken = default)
        => SendAsync(method, new UriTemplate(path), options, cancellationToken);

    /// <summary>
    /// The synchronous form of <see cref="SendAsync(HttpMethod, string, object?, CancellationToken)"/>. On .NET 10 it
    /// blocks on the synchronous <c>HttpClient.Send</c>, never on a task; on netstandard2.0, which has none, it waits for
    /// the asynchronous form on a thread-pool thread.
    /// </summary>
    public WeChatPayResponse Send(HttpMethod method, string path, object? options = null)
        => Send(method, new UriTemplate(path), options);

    Task<WeChatPayResponse> IChainSender.SendAsync(HttpMethod method, ChainNode node, object? options, CancellationToken cancellationToken)
        => SendAsync(method, TemplateOf(node), options, cancellationToken);

    WeChatPayResponse IChainSender.Send(HttpMethod method, ChainNode node, object? options) => Send(method, TemplateOf(node), options);

    /// <summary>The node's path parsed once and kept with the node.</summary>
    private static UriTemplate TemplateOf(ChainNode node) => (UriTemplate)(node.Prepared ??= new UriTemplate(node.Path));

    internal async Task<WeChatPayResponse> SendAsync(HttpMethod method, UriTemplate template, object? options, CancellationToken cancellationToken)
    {
        using var request = BuildRequest(method, template, options);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Headers first: the verification step reads signed bodies itself; what it leaves unread (unsigned files)
            // is read here under the size cap, never buffered whole by HttpClient beforehand.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            PipelineState.RequireSignedAndChecked(request);
            return Complete(response, await PipelineState.ReadWithinAsync(response, _maxBodyBytes, _http.Timeout, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (FailureOf(e, request, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

#if NET
    internal WeChatPayResponse Send(HttpMethod method, UriTemplate template, object? options)
    {
        using var request = BuildRequest(method, template, options);
        try
        {
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead);
            PipelineState.RequireSignedAndChecked(request);
            return Complete(response, PipelineState.ReadWithin(response, _maxBodyBytes, _http.Timeout));
        }
        catch (Exception e) when (FailureOf(e, request, CancellationToken.None, synchronous: true) is { } failure)
        {
            throw failure;
        }
    }
#else
    // netstandard2.0 has no synchronous HttpClient.Send: wait for the async form on a pool thread, outside any
    // synchronisation context the caller runs in (ASP.NET on .NET Framework), so the wait cannot deadlock.
    internal WeChatPayResponse Send(HttpMethod method, UriTemplate template, object? options)
        => Task.Run(() => SendAsync(method, template, options, CancellationToken.None)).GetAwaiter().GetResult();
#endif

    /// <summary>The failure of the last platform certificate refresh, or null (see <see cref="ClientOptions.AutoRefreshPlatformCertificates"/>).</summary>
    public Exception? PlatformCertificatesRefreshError => _credentials.PlatformCertificatesRefreshError;

    /// <summary>Releases the connection pool (and the transport, when the client created it) and stops refreshing.</summary>
    public void Dispose()
    {
        if (_ownsCredentials) _credentials.Dispose();
        if (_ownsHttp) _http.Dispose();
    }

    private HttpRequestMessage BuildRequest(HttpMethod method, UriTemplate template, object? options)
    {
        var read = RequestOptions.Read(options, template, _encryptor);
        var request = new HttpRequestMessage(method, TargetOf(template, read));
        request.Headers.Accept.Add(AcceptJson);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        if (read.Body is { } body)
        {
            if (method == HttpMethod.Get || method == HttpMethod.Head)
                throw new RequestOptionsException($"A {method} request carries no body; put the parameters in query instead.");
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", read.ContentType);
        }
        PipelineState.Attach(request, read.SignedBody);
        if (read.EncryptedFor is { } keyId) request.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, keyId);

        foreach (var (name, value) in read.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                // A body-less request has no content to type; the header means nothing there.
                if (request.Content is null) continue;
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
                continue;
            }
            if (name.Equals(WeChatPayHeaders.Serial, StringComparison.OrdinalIgnoreCase) && read.EncryptedFor is { } usedKey
                && !string.Equals(value, usedKey, StringComparison.OrdinalIgnoreCase))
                throw new RequestOptionsException($"headers sets Wechatpay-Serial to {value}, but the Sensitive fields were encrypted for {usedKey}; leave the header out and the client sets it.");
            if (name.Equals("Accept", StringComparison.OrdinalIgnoreCase) || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) || name.Equals(WeChatPayHeaders.Serial, StringComparison.OrdinalIgnoreCase))
                request.Headers.Remove(name);
            if (!request.Headers.TryAddWithoutValidation(name, value) && !(request.Content?.Headers.TryAddWithoutValidation(name, value) ?? false))
                throw new RequestOptionsException($"header '{name}' cannot be set on this request.");
        }
        return request;
    }

    /// <summary>
    /// The request URI. A path without placeholders and a call without query — most POSTs — reuse one immutable
    /// <see cref="Uri"/> per template instead of building and parsing the same text on every call.
    /// </summary>
    private Uri TargetOf(UriTemplate template, RequestOptions read)
    {
        if (template.Placeholders.Count == 0 && read.Query.Count == 0) return template.AbsoluteUnder(_baseUri);
        var target = new StringBuilder(_baseUri).Append(template.Expand(name => read.Placeholders.GetValueOrDefault(name)));
        var separator = '?';
        foreach (var (name, value) in read.Query)
        {
            target.Append(separator).Append(PercentEncoding.EncodeComponent(name)).Append('=').Append(PercentEncoding.EncodeComponent(value));
            separator = '&';
        }
        return VerbatimUri.Create(target.ToString());
    }

    private static WeChatPayResponse Complete(HttpResponseMessage response, byte[] body)
    {
        var result = WeChatPayResponses.From(response, body);
        return response.IsSuccessStatusCode ? result : throw new ApiException(result);
    }

    /// <summary>
    /// The library's exception for what the transport threw, or null to let it pass as it is (the library's own, and
    /// the caller's cancellation). <paramref name="synchronous"/>: thrown by a synchronous send, where a
    /// <see cref="NotSupportedException"/> means a handler without a synchronous <c>Send</c>.
    /// </summary>
    internal static WeChatPayException? FailureOf(Exception e, HttpRequestMessage request, CancellationToken cancellationToken, bool synchronous = false)
    {
        var what = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        return e switch
        {
            WeChatPayException => null,
            OperationCanceledException when cancellationToken.IsCancellationRequested => null,
            TaskCanceledException { InnerException: TimeoutException } or TimeoutException => new TransportException($"{what} timed out; whether WeChat Pay acted on it is unknown — query before repeating it.", isTimeout: true, e),
            OperationCanceledException => new TransportException($"{what} was abandoned without a response.", isTimeout: false, e),
            HttpRequestException or IOException => new TransportException($"{what} failed without a response: {e.Message}", isTimeout: false, e),
            NotSupportedException when synchronous => new ConfigurationException($"{what} was not sent: the HttpMessageHandler given in ClientOptions cannot send synchronously ({e.Message}). Call the …Async methods, or give a handler that overrides Send.", e),
            NotSupportedException => new TransportException($"{what} failed: the transport does not support it ({e.Message}).", isTimeout: false, e),
            _ => null,
        };
    }
}
