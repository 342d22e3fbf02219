using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// Opens callback notifications: verifies the <c>Wechatpay-*</c> signature over the raw body bytes exactly as
/// received (never a re-serialised copy), then decrypts <c>resource</c> with the APIv3 key. Safe to share.
/// The reader of a client with <c>ClientOptions.AutoRefreshPlatformCertificates</c> downloads the platform
/// certificates when a notification names a serial it does not know yet, as the client does for responses.
/// </summary>
public sealed class NotificationReader
{
    private readonly ResponseVerifier _verifier;
    private readonly INotificationCipher[] _ciphers;
    private readonly PlatformCertificateRefresher? _refresher;

    /// <summary>The default of <see cref="MaxBodyBytes"/>: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The largest body read: a larger one is refused before its signature is checked or it is parsed. A WeChat Pay
    /// notification is a few kilobytes. <see cref="DefaultMaxBodyBytes"/> unless set (a client sets
    /// <c>ClientOptions.MaxNotificationBytes</c> here).
    /// </summary>
    public int MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;

    /// <summary>Creates a reader over the client's platform keys and the merchant's APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The APIv3 key is not 32 ASCII characters.</exception>
    public NotificationReader(ResponseVerifier verifier, string apiV3Key) : this(verifier, apiV3Key, null) { }

    /// <summary>A client's reader: an unknown serial asks <paramref name="refresher"/> for new platform certificates first.</summary>
    internal NotificationReader(ResponseVerifier verifier, string apiV3Key, PlatformCertificateRefresher? refresher)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        _verifier = verifier;
        _ciphers = [new AeadAesGcm(apiV3Key), new AeadSm4Gcm(apiV3Key)];
        _refresher = refresher;
    }

    /// <summary>
    /// Verifies and decrypts a notification given its raw body and its request headers (names in any case). On a
    /// client that refreshes its platform certificates, an unknown serial may download them, blocking this thread:
    /// web handlers should use <see cref="ReadAsync(byte[], IEnumerable{KeyValuePair{string, string}}, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ResponseVerificationException">The signature, timestamp or serial does not check out.</exception>
    /// <exception cref="DecryptionException">The resource does not decrypt (wrong APIv3 key, tampering).</exception>
    /// <exception cref="ResponseFormatException">The body is not a notification: larger than <see cref="MaxBodyBytes"/>, not JSON, fields missing, unknown algorithm.</exception>
    public Notification Read(byte[] body, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var (timestamp, nonce, signature, serial) = SignatureHeaders(headers);
        return Read(body, timestamp, nonce, signature, serial);
    }

    /// <summary>Verifies and decrypts a notification given its raw body and the four header values.</summary>
    /// <exception cref="ResponseVerificationException">The signature, timestamp or serial does not check out.</exception>
    /// <exception cref="DecryptionException">The resource does not decrypt (wrong APIv3 key, tampering).</exception>
    /// <exception cref="ResponseFormatException">The body is not a notification: not JSON, fields missing, unknown algorithm.</exception>
    public Notification Read(byte[] body, string? timestamp, string? nonce, string? signature, string? serial)
        => ReadAsync(async: false, body, timestamp, nonce, signature, serial, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// The asynchronous form of <see cref="Read(byte[], IEnumerable{KeyValuePair{string, string}})"/>: an unknown
    /// serial on a client that refreshes its platform certificates downloads them without blocking a thread.
    /// </summary>
    /// <exception cref="ResponseVerificationException">The signature, timestamp or serial does not check out.</exception>
    /// <exception cref="DecryptionException">The resource does not decrypt (wrong APIv3 key, tampering).</exception>
    /// <exception cref="ResponseFormatException">The body is not a notification: not JSON, fields missing, unknown algorithm.</exception>
    public Task<Notification> ReadAsync(byte[] body, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var (timestamp, nonce, signature, serial) = SignatureHeaders(headers);
        return ReadAsync(body, timestamp, nonce, signature, serial, cancellationToken);
    }

    /// <summary>The asynchronous form of <see cref="Read(byte[], string, string, string, string)"/>.</summary>
    /// <exception cref="ResponseVerificationException">The signature, timestamp or serial does not check out.</exception>
    /// <exception cref="DecryptionException">The resource does not decrypt (wrong APIv3 key, tampering).</exception>
    /// <exception cref="ResponseFormatException">The body is not a notification: not JSON, fields missing, unknown algorithm.</exception>
    public Task<Notification> ReadAsync(byte[] body, string? timestamp, string? nonce, string? signature, string? serial, CancellationToken cancellationToken = default)
        => ReadAsync(async: true, body, timestamp, nonce, signature, serial, cancellationToken).AsTask();

    /// <summary>
    /// Verifies, then opens. An unknown serial, on a reader that can refresh, downloads the platform certificates and
    /// verifies again; the verifier reports an unknown serial only after the headers, the time window and the probe
    /// prefix, so stale or probing posts never cause a download. <paramref name="async"/> false completes synchronously.
    /// </summary>
    private async ValueTask<Notification> ReadAsync(bool async, byte[] body, string? timestamp, string? nonce, string? signature, string? serial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length > MaxBodyBytes)
            throw new ResponseFormatException($"The notification body is {body.Length} bytes, more than MaxNotificationBytes ({MaxBodyBytes}): a WeChat Pay notification is a few kilobytes, so it was neither verified nor read. If yours are genuinely larger, raise ClientOptions.MaxNotificationBytes.", null);
        var result = _verifier.Check(timestamp, nonce, signature, serial, body);
        if (result.Failure == VerificationFailure.UnknownSerial && _refresher is not null)
        {
            await _refresher.RefreshOnDemandAsync(async, serial!, cancellationToken).ConfigureAwait(false);
            result = _verifier.Check(timestamp, nonce, signature, serial, body);
        }
        if (!result.IsValid) throw result.ToException();
        return Open(body);
    }

    private static (string? Timestamp, string? Nonce, string? Signature, string? Serial) SignatureHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
            if (!byName.TryAdd(name, value) && name.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase))
                throw new ResponseVerificationException(VerificationFailure.MissingHeader, $"The {name} header appears more than once; a signed notification carries exactly one.");
        return (byName.GetValueOrDefault(WeChatPayHeaders.Timestamp),
            byName.GetValueOrDefault(WeChatPayHeaders.Nonce),
            byName.GetValueOrDefault(WeChatPayHeaders.Signature),
            byName.GetValueOrDefault(WeChatPayHeaders.Serial));
    }

    private static readonly string[] OptionalTextFields = ["create_time", "resource_type", "summary"];

    /// <summary>Parses and decrypts a body whose signature has been verified.</summary>
    private Notification Open(byte[] body)
    {
        var envelope = ParseEnvelope(body);
        foreach (var name in OptionalTextFields) RequireTextOrAbsent(envelope, name);
        // The id is what a handler de-duplicates redeliveries by, and the event type what it dispatches on: a
        // notification without them cannot be handled correctly, so it is refused rather than passed on with nulls.
        var id = RequiredText(envelope, "id");
        var eventType = RequiredText(envelope, "event_type");
        if (envelope["resource"] is not JObject resource) throw Malformed("has no resource object");
        RequireTextOrAbsent(resource, "associated_data");
        var algorithm = Field(resource, "algorithm");
        var cipher = Array.Find(_ciphers, c => c.Algorithm == algorithm)
            ?? throw Malformed($"uses the algorithm '{algorithm}'; only {string.Join(", ", _ciphers.Select(c => c.Algorithm))} is known");
        var plain = cipher.Decrypt(Field(resource, "nonce"), (string?)resource["associated_data"] ?? "", Field(resource, "ciphertext"));
        return new Notification(envelope, id, eventType, plain);
    }

    private static JObject ParseEnvelope(byte[] body)
    {
        try
        {
            // Dates stay text, as sent: create_time is a string field, not a DateTime to be reformatted.
            // Read from the bytes as they are, not from a second copy of the body as one string.
            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body, writable: false), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
            var envelope = JObject.Load(reader);
            // As JObject.Parse did: comments may follow the object, nothing else.
            while (reader.Read()) { }
            return envelope;
        }
        catch (JsonException e)
        {
            throw new ResponseFormatException($"The notification body is not a JSON object: {e.Message}", e);
        }
    }

    private static void RequireTextOrAbsent(JObject o, string name)
    {
        if (o[name] is { } token && token.Type is not (JTokenType.String or JTokenType.Null)) throw Malformed($"field '{name}' is a {token.Type.ToString().ToLowerInvariant()}, not a string");
    }

    private static string RequiredText(JObject envelope, string name)
    {
        RequireTextOrAbsent(envelope, name);
        return envelope[name] is JValue { Type: JTokenType.String } value && (string)value! is { Length: > 0 } text
            ? text
            : throw Malformed($"has no '{name}'; every WeChat Pay notification carries one");
    }

    private static string Field(JObject resource, string name)
        => resource[name] is JValue { Type: JTokenType.String } value ? (string)value! : throw Malformed($"resource has no string '{name}'");

    private static ResponseFormatException Malformed(string what) => new($"The notification {what}.", null);
}
