using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Cli;

/// <summary>
/// Where the CLI gets a merchant's credentials: a profile directory's <c>profile.json</c> (the simulator writes one;
/// real merchants can write their own), then flags, then <c>WECHATPAY_*</c> environment variables for what is still unset.
/// </summary>
internal static class Credentials
{
    /// <summary>The environment variables read, by setting.</summary>
    public const string MchIdVariable = "WECHATPAY_MCHID",
        SerialVariable = "WECHATPAY_SERIAL",
        PrivateKeyVariable = "WECHATPAY_PRIVATE_KEY",
        CertsVariable = "WECHATPAY_CERTS",
        ApiV3KeyVariable = "WECHATPAY_APIV3_KEY",
        BaseUriVariable = "WECHATPAY_BASE_URI";

    /// <summary>Reads <c>profile.json</c> from a directory; paths in it are relative to the directory unless absolute.</summary>
    /// <exception cref="ConfigurationException">The file is missing or not a profile.</exception>
    public static ClientOptions FromProfile(string directory)
    {
        var file = Path.Combine(directory, "profile.json");
        JObject profile;
        try
        {
            profile = JObject.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ConfigurationException($"Cannot read the profile {file}: {e.Message} (`wxpay sim --profile {directory}` creates one.)", e);
        }
        var options = new ClientOptions
        {
            MchId = (string?)profile["mchid"] ?? "",
            Serial = (string?)profile["serial"] ?? "",
            PrivateKey = FileKey(directory, (string?)profile["privateKey"]),
            ApiV3Key = (string?)profile["apiV3Key"],
        };
        if (profile["certs"] is JObject certs)
            foreach (var (id, path) in certs)
                if ((string?)path is { } p) options.Certs[id] = FileKey(directory, p)!;
        if ((string?)profile["baseUri"] is { Length: > 0 } baseUri) options.BaseUri = new Uri(baseUri);
        return options;
    }

    /// <summary>Fills what flags and the environment give on top of the profile (or of nothing).</summary>
    public static ClientOptions Resolve(string? profile, string? mchId, string? serial, string? privateKey, string[] certs, string? baseUri)
    {
        var options = profile is null ? new ClientOptions() : FromProfile(profile);
        options.MchId = mchId ?? Env(MchIdVariable) ?? options.MchId;
        options.Serial = serial ?? Env(SerialVariable) ?? options.Serial;
        if ((privateKey ?? Env(PrivateKeyVariable)) is { } key) options.PrivateKey = AsFileUri(key);
        var extra = certs.Length > 0 ? certs : Env(CertsVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (var (id, path) in KeyValueArguments.Parse(extra, "--cert")) options.Certs[id] = AsFileUri(path);
        options.ApiV3Key ??= Env(ApiV3KeyVariable);
        if ((baseUri ?? Env(BaseUriVariable)) is { } uri)
            options.BaseUri = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) ? parsed : throw new ConfigurationException($"--base-uri '{uri}' is not an absolute URI.");
        return options;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string? FileKey(string directory, string? path)
        => path is null ? null : Rsa(Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path)));

    private static string AsFileUri(string pathOrPem)
        => pathOrPem.Contains("-----BEGIN", StringComparison.Ordinal) || pathOrPem.StartsWith(Crypto.Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase)
            ? pathOrPem
            : Rsa(Path.GetFullPath(pathOrPem));

    private static string Rsa(string path) => Crypto.Rsa.FilePrefix + path;
}
