using System.Collections.Concurrent;
using System.Text;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

public sealed partial class WeChatPayClient
{
    /// <summary>The names of the content headers, which a request without a body has no place for.</summary>
    private static readonly HashSet<string> ContentHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Allow", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Location", "Content-MD5", "Content-Range", "Content-Type", "Expires", "Last-Modified",
    };

    /// <summary>Sends a request to a path template and returns the verified response.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to <see cref="BaseUri"/>, verbatim, with <c>{name}</c> placeholders.</param>
    /// <param name="options">json, query, body, media, headers and placeholder values; see the docs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RequestOptionsException">The options cannot make a request; nothing was sent.</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="ResponseVerificationException">The 2xx response failed verification.</exception>
    /// <exception cref="TransportException">No response: connection failure or timeout.</exception>
    public Task<WeChatPayResponse> SendAsync(HttpMethod method, string path, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return CallAsync(async: true, method, path, options, cancellationToken).AsTask();
    }

    /// <summary>
    /// The synchronous form of <see cref="SendAsync(HttpMethod, string, object?, CancellationToken)"/>, through the same
    /// Flurl call path. On .NET 10 the transport is called with its synchronous <c>Send</c> and nothing blocks on a task;
    /// on netstandard2.0, which has no synchronous send, it waits for the asynchronous one. No deadlock under a
    /// synchronisation context either way.
    /// </summary>
    public WeChatPayResponse Send(HttpMethod method, string path, object? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Synchronously.Wait(CallAsync(async: false, method, path, options, CancellationToken.None));
    }

    Task<WeChatPayResponse> IChainSender.SendAsync(HttpMethod method, ChainNode node, object? options, CancellationToken cancellationToken)
        => CallAsync(async: true, method, node, options, cancellationToken).AsTask();

    WeChatPayResponse IChainSender.Send(HttpMethod method, ChainNode node, object? options)
        => Synchronously.Wait(CallAsync(async: false, method, node, options, CancellationToken.None));

    /// <summary>
    /// The templates of the paths given as text, parsed once each. Bounded, as a caller may write values into the path
    /// itself: past <see cref="MaxKeptTemplates"/> a new path is parsed on every call and not kept.
    /// </summary>
    private readonly ConcurrentDictionary<string, UriTemplate> _templates = new(StringComparer.Ordinal);

    private const int MaxKeptTemplates = 512;

    /// <summary>The template of a path given as text, parsed once and kept while there is room.</summary>
    private UriTemplate TemplateOf(string path)
    {
        if (_templates.TryGetValue(path, out var kept)) return kept;
        var parsed = new UriTemplate(path);
        if (_templates.Count < MaxKeptTemplates) _templates.TryAdd(path, parsed);
        return parsed;
    }

    /// <summary>The node's path parsed once and kept with the node.</summary>
    private static UriTemplate TemplateOf(ChainNode node) => (UriTemplate)(node.Prepared ??= new UriTemplate(node.Path));

    /// <summary>
    /// One call, written once for both forms: the options read, the request signed and sent (again, freshly signed, as
    /// the retry policy says), the answer checked, and the outcome reported with the call's record.
    /// </summary>
    /// <param name="async">Whether to wait asynchronously.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path: a <see cref="string"/> or a <see cref="ChainNode"/>, whose template is parsed inside the call so that a bad one is reported with its record.</param>
    /// <param name="options">The caller's options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    private async ValueTask<WeChatPayResponse> CallAsync(bool async, HttpMethod method, object path, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var record = new WeChatPayCall(method.Method, _merchant.Time.GetUtcNow());
        using var deadline = new CallDeadline(_merchant.Timeout, cancellationToken);
        try
        {
            var outgoing = Outgoing(method, path is ChainNode node ? TemplateOf(node) : TemplateOf((string)path), options);
            cancellationToken.ThrowIfCancellationRequested();
            var (response, body, apiV2Fields) = await _pipeline.SendAsync(async, outgoing, record, deadline).ConfigureAwait(false);
            using (response)
            {
                body ??= await ResponseBody.ReadAsync(async, response, _merchant.MaxResponseBodyBytes, deadline.Token).ConfigureAwait(false);
                var result = record.Response = new WeChatPayResponse(response, body, record) { ApiV2Fields = apiV2Fields };
                if (!response.IsSuccessStatusCode) throw new ApiException(result) { Call = record };
                return apiV2Fields is not null && ApiV2Exception.Reports(apiV2Fields) ? throw new ApiV2Exception(result, apiV2Fields) { Call = record } : result;
            }
        }
        catch (Exception e)
        {
            var failure = CallFailures.Translate(e, record, deadline, synchronous: !async);
            if (ReferenceEquals(failure, e)) throw;
            throw failure;
        }
        finally
        {
            Ended(record);
        }
    }

    /// <summary>Marks the call's record ended and hands it to whoever watches.</summary>
    private void Ended(WeChatPayCall record)
    {
        record.End(_merchant.Time.GetUtcNow());
        CallEnded?.Invoke(record);
    }

    /// <summary>The request the options make, checked before anything is sent.</summary>
    /// <exception cref="RequestOptionsException">The options cannot make a request.</exception>
    private OutgoingRequest Outgoing(HttpMethod method, UriTemplate template, object? options)
    {
        var read = RequestOptions.Read(options, template, _encryptor);
        if (template.IsApiV2) return ApiV2Request.Build(method, TargetOf(template.ApiV2Target, read), read, _merchant);
        if (read.HasBody && (method == HttpMethod.Get || method == HttpMethod.Head))
            throw new RequestOptionsException($"A {method} request carries no body; put the parameters in query instead.");
        List<KeyValuePair<string, string>>? headers = null;
        if (read.EncryptedFor is { } keyId) (headers ??= []).Add(new(WeChatPayHeaders.Serial, keyId));
        foreach (var (name, value) in read.Headers)
        {
            if (name.Equals(WeChatPayHeaders.Serial, StringComparison.OrdinalIgnoreCase) && read.EncryptedFor is { } usedKey)
            {
                if (!string.Equals(value, usedKey, StringComparison.OrdinalIgnoreCase))
                    throw new RequestOptionsException($"headers sets Wechatpay-Serial to {value}, but the Sensitive fields were encrypted for {usedKey}; leave the header out and the client sets it.");
                continue;
            }
            if (!read.HasBody && ContentHeaders.Contains(name))
            {
                // A body-less request has no content to type; any other content header has no place to go.
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
                throw new RequestOptionsException($"header '{name}' cannot be set on this request: it describes a body, and this request has none.");
            }
            (headers ??= []).Add(new(name, value));
        }
        return new OutgoingRequest(method, TargetOf(template, read), "application/json")
        {
            Body = read.Body,
            BodyText = read.BodyText,
            ContentType = read.ContentType,
            SignedMeta = read.SignedMeta,
            Headers = (IReadOnlyList<KeyValuePair<string, string>>?)headers ?? [],
            MaxBodyBytes = _merchant.MaxResponseBodyBytes,
        };
    }

    /// <summary>
    /// The request URI. A path without placeholders and a call without query — most POSTs — reuse one immutable
    /// <see cref="Uri"/> per template instead of building and parsing the same text on every call.
    /// </summary>
    private Uri TargetOf(UriTemplate template, RequestOptions read)
    {
        var baseUri = _merchant.BaseUriText;
        if (template.Placeholders.Count == 0 && read.Query.Count == 0) return template.AbsoluteUnder(baseUri);
        var target = new StringBuilder(baseUri).Append(template.Expand(read.Placeholder));
        var separator = '?';
        foreach (var (name, value) in read.Query)
        {
            target.Append(separator).Append(PercentEncoding.EncodeComponent(name)).Append('=').Append(PercentEncoding.EncodeComponent(value));
            separator = '&';
        }
        return VerbatimUri.Create(target.ToString());
    }
}
