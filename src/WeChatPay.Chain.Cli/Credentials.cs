using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// Where the CLI gets a merchant's credentials. One rule for every setting: a flag wins, then the value in
/// <c>--profile DIR</c>'s <c>profile.json</c> (the simulator writes one; real merchants can write their own), then the
/// <c>WECHATPAY_*</c> environment variable. The platform keys count as one setting: <c>--cert</c> flags, else the
/// profile's <c>certs</c>, else <c>WECHATPAY_CERTS</c>, never a mixture. In 国密 (<c>--scheme sm2</c>) the serial,
/// private key, certs and merchant certificate come from the profile's <c>sm2</c> object when it has one, as a
/// simulator profile does, and never from its RSA top level.
/// </summary>
internal static class Credentials
{
    /// <summary>The environment variables read, by setting.</summary>
    public const string MchIdVariable = "WECHATPAY_MCHID",
        SerialVariable = "WECHATPAY_SERIAL",
        PrivateKeyVariable = "WECHATPAY_PRIVATE_KEY",
        CertsVariable = "WECHATPAY_CERTS",
        ApiV3KeyVariable = "WECHATPAY_APIV3_KEY",
        ApiV2KeyVariable = "WECHATPAY_APIV2_KEY",
        MerchantCertificateVariable = "WECHATPAY_MERCHANT_CERT",
        BaseUriVariable = "WECHATPAY_BASE_URI",
        SchemeVariable = "WECHATPAY_SCHEME";

    /// <summary>The precedence, as <c>--help</c> and the docs state it.</summary>
    public const string Precedence = "Each setting comes from its flag, else from --profile's profile.json, else from its WECHATPAY_* environment variable.";

    /// <summary>Reads <c>profile.json</c> from a directory; paths in it are relative to the directory unless absolute.</summary>
    /// <param name="directory">The profile directory.</param>
    /// <param name="scheme">国密 takes the profile's <c>sm2</c> credentials; null or RSA the top-level ones.</param>
    /// <exception cref="ConfigurationException">The file is missing or not a profile.</exception>
    public static ClientOptions FromProfile(string directory, SignatureScheme? scheme = null) => Resolve(new CredentialArguments { Profile = directory, Scheme = scheme }, _ => null);

    /// <summary>Combines flags, the profile and the environment, setting by setting, by <see cref="Precedence"/>.</summary>
    /// <param name="arguments">What the command line gave.</param>
    /// <param name="environment">Reads an environment variable (the process environment, or a test's dictionary).</param>
    /// <exception cref="ConfigurationException">The profile cannot be read or holds a value that is not text, or a base URI is not absolute.</exception>
    /// <exception cref="UsageException">
    /// A <c>--cert</c> or <c>WECHATPAY_CERTS</c> entry is not <c>id=path</c> with a serial or <c>PUB_KEY_ID_…</c> id, or a key path is empty or malformed.
    /// </exception>
    public static ClientOptions Resolve(CredentialArguments arguments, Func<string, string?> environment)
    {
        var document = arguments.Profile is null ? new JObject() : ReadProfile(arguments.Profile);
        var directory = arguments.Profile ?? "";
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;
        var scheme = arguments.Scheme ?? ParseScheme(Env(SchemeVariable), SchemeVariable);
        // A simulator profile keeps the same merchant's 国密 credentials under sm2, in the shape of the top level.
        var sm2 = scheme == SignatureScheme.Sm2WithSm3 ? Sm2Section(directory, document) : null;
        var credentials = sm2 ?? document;
        string? Profile(string name) => ProfileText(directory, document[name], name) is { Length: > 0 } value ? value : null;
        // The key, its serial, the platform keys and the merchant certificate come from one section, never a mixture.
        string? Credential(string name) => ProfileText(directory, credentials[name], name) is { Length: > 0 } value ? value : null;

        var options = new ClientOptions
        {
            MchId = arguments.MchId ?? Profile("mchid") ?? Env(MchIdVariable) ?? "",
            Serial = arguments.Serial ?? Credential("serial") ?? Env(SerialVariable) ?? "",
            PrivateKey = arguments.PrivateKey is { } flagKey ? AsFileUri(flagKey, "--private-key")
                : Credential("privateKey") is { } profileKey ? FileKey(directory, profileKey)
                : Env(PrivateKeyVariable) is { } envKey ? AsFileUri(envKey, PrivateKeyVariable)
                : null,
            ApiV3Key = Profile("apiV3Key") ?? Env(ApiV3KeyVariable),
            ApiV2Key = Profile("apiV2Key") ?? Env(ApiV2KeyVariable),
            Scheme = scheme,
            MerchantCertificate = Credential("merchantCertificate") is { } profileCertificate ? FileKey(directory, profileCertificate)
                : Env(MerchantCertificateVariable) is { } envCertificate ? AsFileUri(envCertificate, MerchantCertificateVariable)
                : null,
        };

        if (arguments.Certs.Length > 0)
            AddCerts(options, arguments.Certs, "--cert");
        else if (credentials["certs"] is { Type: not (JTokenType.Object or JTokenType.Null) } notCerts)
            throw NotAProfile(directory, $"certs is a JSON {notCerts.Type.ToString().ToLowerInvariant()}, not an object of id: path");
        else if (credentials["certs"] is JObject { Count: > 0 } certs)
            foreach (var (id, path) in certs)
                options.Certs[id] = FileKey(directory, ProfileText(directory, path, $"certs[\"{id}\"]") ?? throw NotAProfile(directory, $"certs[\"{id}\"] is not a file path"));
        else if (Env(CertsVariable) is { } list)
            AddCerts(options, list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), CertsVariable);

        var (baseUri, source) = arguments.BaseUri is { } flag ? (flag, "--base-uri")
            : Profile("baseUri") is { } fromProfile ? (fromProfile, "baseUri in profile.json")
            : Env(BaseUriVariable) is { } fromEnvironment ? (fromEnvironment, BaseUriVariable)
            : (null, null);
        if (baseUri is not null)
            options.BaseUri = Uri.TryCreate(baseUri, UriKind.Absolute, out var parsed) ? parsed : throw new ConfigurationException($"{source} '{baseUri}' is not an absolute URI.");
        // A simulator over HTTPS (`wxpay sim --https`) serves its own certificate, which its profile keeps.
        if (arguments.Profile is not null && options.BaseUri.Scheme == Uri.UriSchemeHttps && options.BaseUri.IsLoopback && Simulator.SimulatorProfile.TlsCertificateOf(directory) is { } serverCertificate)
            options.TrustedServerCertificate = Crypto.Rsa.FilePrefix + serverCertificate;
        return options;
    }

    /// <summary>
    /// Adds <c>id=path</c> entries. The id must look like a key id before it goes anywhere: whatever else was given
    /// (a pasted private key, say) would otherwise be repeated in error messages, so it is described, never echoed.
    /// </summary>
    private static void AddCerts(ClientOptions options, IEnumerable<string> entries, string source)
    {
        var position = 0;
        foreach (var (id, path) in KeyValueArguments.Parse(entries, source))
        {
            position++;
            if (!PlatformKeyId.IsWellFormed(id))
                throw new UsageException($"{source} entry #{position}: the id before '=' ({id.Length} characters) must be a platform certificate serial (hexadecimal digits) " +
                    $"or a WeChat Pay public key id ({Certificates.PlatformKeys.PublicKeyIdPrefix}…), as in {source} {Certificates.PlatformKeys.PublicKeyIdPrefix}0114232134912410000000000000=pub_key.pem.");
            options.Certs[id] = AsFileUri(path, $"{source} entry #{position}");
        }
    }

    /// <summary>A profile value as text: a string or other plain value, or null when absent; an object or array is not a profile.</summary>
    private static string? ProfileText(string directory, JToken? token, string name) => token switch
    {
        null or { Type: JTokenType.Null } => null,
        JValue value => (string?)value,
        _ => throw NotAProfile(directory, $"{name} is a JSON {token.Type.ToString().ToLowerInvariant()}, not a string"),
    };

    /// <summary>Reads <c>rsa</c> or <c>sm2</c>, in any case; null for null.</summary>
    /// <exception cref="UsageException">Anything else, named by <paramref name="source"/>.</exception>
    public static SignatureScheme? ParseScheme(string? text, string source) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "rsa" => SignatureScheme.Rsa2048WithSha256,
        "sm2" => SignatureScheme.Sm2WithSm3,
        _ => throw new UsageException($"{source} '{text}' is not a scheme: give rsa (WECHATPAY2-SHA256-RSA2048) or sm2 (国密, WECHATPAY2-SM2-WITH-SM3)."),
    };

    /// <summary>The profile's <c>sm2</c> object; null when it has none (a merchant's own profile, whose key is SM2 already).</summary>
    private static JObject? Sm2Section(string directory, JObject profile) => profile["sm2"] switch
    {
        null or { Type: JTokenType.Null } => null,
        JObject section => section,
        var other => throw NotAProfile(directory, $"sm2 is a JSON {other.Type.ToString().ToLowerInvariant()}, not an object"),
    };

    private static JObject ReadProfile(string directory)
    {
        var file = Path.Combine(directory, "profile.json");
        try
        {
            return JObject.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConfigurationException($"Cannot read the profile {file}: {e.Message} (`wxpay sim --profile {directory}` creates one.)", e);
        }
    }

    private static ConfigurationException NotAProfile(string directory, string problem)
        => new($"{Path.Combine(directory, "profile.json")} is not a usable profile: {problem}.");

    private static string FileKey(string directory, string path)
    {
        try
        {
            return Rsa(Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw NotAProfile(directory, $"a key path is not a usable file path ({e.Message})");
        }
    }

    /// <summary>A PEM or <c>file://</c> URI as given; anything else is a path, made absolute.</summary>
    /// <exception cref="UsageException">The path is empty or not a path at all; the value is not repeated, for it may be a key.</exception>
    private static string AsFileUri(string pathOrPem, string source)
    {
        if (pathOrPem.Contains("-----BEGIN", StringComparison.Ordinal) || pathOrPem.StartsWith(Crypto.Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase)) return pathOrPem;
        if (string.IsNullOrWhiteSpace(pathOrPem)) throw new UsageException($"{source}: the path to the PEM file is empty.");
        try
        {
            return Rsa(Path.GetFullPath(pathOrPem));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{source}: not a usable file path ({pathOrPem.Length} characters): {e.Message}");
        }
    }

    private static string Rsa(string path) => Crypto.Rsa.FilePrefix + path;
}
