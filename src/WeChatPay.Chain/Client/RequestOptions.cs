using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The options of one call, read from an anonymous object, a dictionary or a <see cref="JObject"/>:
/// <c>json</c>, <c>query</c>, <c>body</c>, <c>media</c>, <c>headers</c>, and values for the path's placeholders; on an
/// APIv2 path (<c>v2/…</c>) <c>xml</c>, <c>security</c> and <c>nonceless</c> in place of the body options. Anything else is refused, so a misspelt option cannot be silently ignored.
/// </summary>
internal sealed class RequestOptions
{
    /// <summary>
    /// The content type of <c>json</c> and <c>body</c> unless a header says otherwise: as WeChat Pay's documentation writes
    /// it. JSON is UTF-8 by definition and RFC 8259 defines no <c>charset</c> for it; a parameter would also make Flurl parse
    /// and re-format the header twice a call.
    /// </summary>
    public const string JsonContentType = "application/json";

    private RequestOptions() { }

    /// <summary>The body when it is bytes (<c>body</c> given as bytes, or <c>media</c>); null otherwise.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>The body when it is text (<c>json</c>, or <c>body</c> given as a string), checked to have a UTF-8 form.</summary>
    public string? BodyText { get; private set; }

    /// <summary>Whether the request has a body.</summary>
    public bool HasBody => Body is not null || BodyText is not null;

    /// <summary>For media uploads, the meta JSON WeChat Pay signs instead of the body; null otherwise.</summary>
    public byte[]? SignedMeta { get; private set; }

    /// <summary>The content type of the body.</summary>
    public string? ContentType { get; private set; }

    /// <summary>The id of the key <see cref="Sensitive"/> values were encrypted with, which <c>Wechatpay-Serial</c> must name; null when there were none.</summary>
    public string? EncryptedFor { get; private set; }

    // Made when the first one is read: most calls have no query, header or placeholder.
    private List<KeyValuePair<string, string>>? _query;
    private List<KeyValuePair<string, string>>? _headers;
    private Dictionary<string, string>? _placeholders;

    /// <summary>The query parameters, in the order given, already validated.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => (IReadOnlyList<KeyValuePair<string, string>>?)_query ?? [];

    /// <summary>Extra request headers, in the order given, already validated.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => (IReadOnlyList<KeyValuePair<string, string>>?)_headers ?? [];

    /// <summary>The <c>xml</c> option of an APIv2 call: its fields, in the order given, nulls left out; null when not given.</summary>
    public List<KeyValuePair<string, string>>? Xml { get; private set; }

    /// <summary>Whether an APIv2 call presents the merchant certificate (<c>security = true</c>).</summary>
    public bool Security { get; private set; }

    /// <summary>Whether an APIv2 call goes without a <c>nonce_str</c> (<c>nonceless = true</c>), for the few endpoints that take none.</summary>
    public bool Nonceless { get; private set; }

    /// <summary>The value given for the placeholder <paramref name="name"/>; null when none was.</summary>
    public string? Placeholder(string name) => _placeholders?.GetValueOrDefault(name);

    /// <summary>Reads the options of a call to <paramref name="template"/>.</summary>
    /// <param name="options">The caller's options object.</param>
    /// <param name="template">The path the call goes to.</param>
    /// <param name="encryptor">Gives the encryptor of WeChat Pay's key that <see cref="Sensitive"/> values are encrypted with.</param>
    /// <exception cref="RequestOptionsException">An option is unknown, of the wrong shape, or unserialisable.</exception>
    public static RequestOptions Read(object? options, UriTemplate template, Func<ISensitiveEncryptor> encryptor)
    {
        var result = new RequestOptions();
        if (options is null) return result;
        var apiV2 = template.IsApiV2;
        object? json = null, body = null, media = null;
        foreach (var (name, value) in OptionsReader.Read(options, "The options"))
        {
            if (apiV2 ? name is "json" or "body" or "media" : name is "xml" or "security" or "nonceless")
                throw new RequestOptionsException(apiV2
                    ? $"{name} is an APIv3 option, and '{template}' is an APIv2 path: APIv2 requests carry xml (with security and nonceless as needed)."
                    : $"{name} is an APIv2 option, and '{template}' is an APIv3 path; APIv2 paths start with v2/ (wx.V2.Pay.Micropay, or Chain(\"v2/pay/micropay\")).");
            switch (name)
            {
                case "xml": result.Xml = XmlFields(value); break;
                case "security": result.Security = Flag(value, name); break;
                case "nonceless": result.Nonceless = Flag(value, name); break;
                case "json": json = value; break;
                case "body": body = value; break;
                case "media": media = value ?? throw new RequestOptionsException("media is null; give a MediaFile, e.g. MediaFile.FromPath(\"logo.png\")."); break;
                case "query": result.ReadQuery(value); break;
                case "headers": result.ReadHeaders(value); break;
                default:
                    if (!template.Placeholders.Contains(name))
                        throw new RequestOptionsException(UnknownOption(name, template));
                    (result._placeholders ??= new(StringComparer.Ordinal))[name] = OptionsReader.Scalar(value, $"The value for {{{name}}}")
                        ?? throw new RequestOptionsException($"The value for {{{name}}} in '{template}' is null; give the real {name}.");
                    break;
            }
        }
        if ((json is null ? 0 : 1) + (body is null ? 0 : 1) + (media is null ? 0 : 1) > 1)
            throw new RequestOptionsException("Give one of json (an object to serialise), body (a string or bytes sent as is) or media (a MediaFile to upload).");
        if (json is not null)
        {
            var (text, keyId) = SensitiveJsonConverter.Serialise(json, SerializeJson, encryptor);
            (result.BodyText, result.EncryptedFor) = (JsonBody.Checked(text, "json"), keyId);
            result.ContentType = JsonContentType;
        }
        if (body is not null)
        {
            if (body is string text) result.BodyText = JsonBody.Checked(text, "body");
            else result.Body = BodyBytes(body);
            result.ContentType = JsonContentType;
        }
        if (media is not null)
        {
            var file = media as MediaFile ?? throw new RequestOptionsException($"media must be a MediaFile (MediaFile.FromPath, FromBytes or FromStream), not a {OptionsReader.Describe(media)}.");
            (result.Body, result.ContentType) = file.ToMultipart();
            result.SignedMeta = file.MetaBytes;
        }
        return result;
    }

    private static List<KeyValuePair<string, string>> XmlFields(object? value)
    {
        if (value is null) throw new RequestOptionsException("xml is null; give the APIv2 fields, e.g. new { xml = new { appid = \"…\", mch_id = \"…\", out_trade_no = \"…\" } }.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, item) in OptionsReader.Read(value, "xml"))
        {
            if (OptionsReader.Scalar(item, $"xml field '{name}'") is { } text) fields.Add(new(name, text));
        }
        return fields;
    }

    private static bool Flag(object? value, string name) => value switch
    {
        bool b => b,
        JValue { Value: bool b } => b,
        _ => throw new RequestOptionsException($"{name} must be true or false, not {(value is null ? "null" : "a " + OptionsReader.Describe(value))}."),
    };

    private void ReadQuery(object? value)
    {
        if (value is null) return;
        if (value is string)
            throw new RequestOptionsException("query must be an object of name/value pairs, e.g. new { query = new { mchid = \"…\" } }, not a string: the client encodes it so the signature matches.");
        foreach (var (name, item) in OptionsReader.Read(value, "query"))
        {
            if (name.Length == 0) throw new RequestOptionsException("query has a parameter with an empty name.");
            var text = OptionsReader.Scalar(item, $"query parameter '{name}'");
            if (text is not null) (_query ??= []).Add(new(name, text));
        }
    }

    private void ReadHeaders(object? value)
    {
        if (value is null) return;
        foreach (var (name, item) in OptionsReader.Read(value, "headers"))
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".Contains(c)))
                throw new RequestOptionsException($"headers has an invalid header name '{Printable(name)}'.");
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                throw new RequestOptionsException("headers sets Authorization, which the client computes by signing the request; remove it.");
            var text = OptionsReader.Scalar(item, $"header '{name}'")
                ?? throw new RequestOptionsException($"header '{name}' is null; leave it out instead.");
            if (text.Any(c => c is '\r' or '\n' or '\0'))
                throw new RequestOptionsException($"header '{name}' contains a line break or NUL, which could inject headers; remove it.");
            if (text.Any(c => c >= 127 || (c < ' ' && c != '\t')))
                throw new RequestOptionsException($"header '{name}' has a non-ASCII or control character; HTTP headers carry ASCII text only (percent-encode or Base64 such a value).");
            (_headers ??= []).Add(new(name, text));
        }
    }

    private static string SerializeJson(object json)
    {
        if (json is string text)
        {
            try
            {
                JToken.Parse(text);
            }
            catch (JsonException e)
            {
                throw new RequestOptionsException($"json is a string that is not valid JSON ({e.Message}). Pass an object to serialise, or the text as body.", e);
            }
            return text;
        }
        try
        {
            return JsonBody.Serialize(json);
        }
        catch (JsonException e)
        {
            throw new RequestOptionsException($"json (a {OptionsReader.Describe(json)}) cannot be serialised: {e.Message}", e);
        }
    }

    private static byte[] BodyBytes(object body) => body switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.ToArray(),
        ArraySegment<byte> a => a.ToArray(),
        _ => throw new RequestOptionsException($"body must be a string or bytes sent as is, not a {OptionsReader.Describe(body)}; to serialise an object use json."),
    };

    private static string UnknownOption(string name, UriTemplate template)
    {
        var placeholders = template.Placeholders.Count == 0 ? "the path has no placeholders" : "placeholders: " + string.Join(", ", template.Placeholders.Distinct());
        var hint = name switch
        {
            "params" => " axios' params are query here.",
            "data" => " axios' data is json here.",
            _ => "",
        };
        var options = template.IsApiV2 ? "xml, security, nonceless, query, headers" : "json, query, body, media, headers";
        return $"Unknown option '{name}' for '{template}'. Options are {options}, or a placeholder value ({placeholders}).{hint}";
    }

    private static string Printable(string s) => string.Concat(s.Take(40).Select(c => c < ' ' ? '?' : c));
}
