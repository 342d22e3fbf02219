using System.Globalization;
using Microsoft.Extensions.Configuration;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// Reads <see cref="ClientOptions"/> from a configuration section (appsettings, environment variables, user secrets).
/// Keys match the option names without regard to case, so wechatpay-php's config shape (<c>mchid</c>, <c>serial</c>,
/// <c>privateKey</c>, <c>certs</c>, <c>apiV3Key</c>) reads as well. An unknown key is an error rather than ignored: a
/// misspelt setting would otherwise surface later as a confusing failure.
/// </summary>
internal static class ClientOptionsConfiguration
{
    private static readonly Dictionary<string, Action<IConfigurationSection, ClientOptions>> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ClientOptions.MchId)] = (value, options) => options.MchId = Text(value),
        [nameof(ClientOptions.Serial)] = (value, options) => options.Serial = Text(value),
        [nameof(ClientOptions.PrivateKey)] = (value, options) => options.PrivateKey = Key(value),
        [nameof(ClientOptions.Certs)] = (value, options) =>
        {
            foreach (var cert in Children(value)) options.Certs[cert.Key] = Key(cert);
        },
        [nameof(ClientOptions.ApiV3Key)] = (value, options) => options.ApiV3Key = Text(value),
        [nameof(ClientOptions.ApiV2Key)] = (value, options) => options.ApiV2Key = Text(value),
        [nameof(ClientOptions.MerchantCertificate)] = (value, options) => options.MerchantCertificate = Key(value),
        [nameof(ClientOptions.TrustedServerCertificate)] = (value, options) => options.TrustedServerCertificate = Key(value),
        [nameof(ClientOptions.BaseUri)] = (value, options) => options.BaseUri = AbsoluteUri(value),
        [nameof(ClientOptions.AllowPlainHttp)] = (value, options) => options.AllowPlainHttp = Parse<bool>(value, bool.TryParse, "true or false"),
        [nameof(ClientOptions.Timeout)] = (value, options) => options.Timeout = Duration(value),
        [nameof(ClientOptions.MaxResponseBodyBytes)] = (value, options) => options.MaxResponseBodyBytes = Parse<int>(value, int.TryParse, "a whole number of bytes"),
        [nameof(ClientOptions.MaxNotificationBytes)] = (value, options) => options.MaxNotificationBytes = Parse<int>(value, int.TryParse, "a whole number of bytes"),
        [nameof(ClientOptions.DownloadTimeout)] = (value, options) => options.DownloadTimeout = Duration(value),
        [nameof(ClientOptions.MaxGunzipRatio)] = (value, options) => options.MaxGunzipRatio = Parse<int>(value, int.TryParse, "a whole number"),
        [nameof(ClientOptions.AutoRefreshPlatformCertificates)] = (value, options) => options.AutoRefreshPlatformCertificates = Parse<bool>(value, bool.TryParse, "true or false"),
        [nameof(ClientOptions.PlatformCertificatesRefreshInterval)] = (value, options) => options.PlatformCertificatesRefreshInterval = Duration(value),
        [nameof(ClientOptions.Retry)] = (value, options) => options.Retry = Retry(value),
    };

    private static readonly string[] RetrySettings = [nameof(RetryPolicy.MaxAttempts), nameof(RetryPolicy.BaseDelay), nameof(RetryPolicy.MaxDelay)];

    /// <summary>Sets the options from <paramref name="section"/>.</summary>
    /// <exception cref="ConfigurationException">The section is missing or empty, has an unknown key, or a value of the wrong form.</exception>
    public static void Bind(IConfiguration section, ClientOptions options)
    {
        var where = (section as IConfigurationSection)?.Path ?? "the configuration";
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
            throw new ConfigurationException($"{where} is missing or empty: it should hold MchId, Serial, PrivateKey, Certs and ApiV3Key.");
        foreach (var child in children)
        {
            if (!Settings.TryGetValue(child.Key, out var set))
                throw new ConfigurationException($"{child.Path} is not a WeChat Pay client setting; the settings are {string.Join(", ", Settings.Keys)}.");
            set(child, options);
        }
    }

    private static string Text(IConfigurationSection section)
        => section.Value ?? throw new ConfigurationException($"{section.Path} should be a single value, not a section.");

    /// <summary>
    /// A key file path becomes <c>file://</c> + its full path, as the client expects; a <c>file://</c> path or an
    /// inline PEM block (from a secret store or an environment variable) is passed on as it is.
    /// </summary>
    private static string Key(IConfigurationSection section)
    {
        var value = Text(section).Trim();
        if (value.Length == 0 || value.StartsWith("-----BEGIN", StringComparison.Ordinal) || value.StartsWith(Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase))
            return value;
        return Rsa.FilePrefix + Path.GetFullPath(value);
    }

    private static IEnumerable<IConfigurationSection> Children(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (section.Value is not null || children.Count == 0)
            throw new ConfigurationException($"{section.Path} should map each platform certificate serial or PUB_KEY_ID_… to a PEM file path.");
        return children;
    }

    private static Uri AbsoluteUri(IConfigurationSection section)
        => Uri.TryCreate(Text(section), UriKind.Absolute, out var uri)
            ? uri
            : throw new ConfigurationException($"{section.Path} is '{section.Value}', not an absolute URI such as https://api.mch.weixin.qq.com/.");

    private static TimeSpan Duration(IConfigurationSection section)
        => TimeSpan.TryParse(Text(section), CultureInfo.InvariantCulture, out var span)
            ? span
            : throw new ConfigurationException($"{section.Path} is '{section.Value}', not a time span such as 00:00:30.");

    private delegate bool TryParse<T>(string text, out T value);

    private static T Parse<T>(IConfigurationSection section, TryParse<T> parse, string expected)
        => parse(Text(section).Trim(), out var value)
            ? value
            : throw new ConfigurationException($"{section.Path} is '{section.Value}', not {expected}.");

    private static RetryPolicy Retry(IConfigurationSection section)
    {
        if (!string.IsNullOrEmpty(section.Value))
            throw new ConfigurationException($"{section.Path} should be a section with {string.Join(", ", RetrySettings)} (each optional), not a single value.");
        var unknown = section.GetChildren().FirstOrDefault(child => !RetrySettings.Contains(child.Key, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
            throw new ConfigurationException($"{unknown.Path} is not a retry setting; the settings are {string.Join(", ", RetrySettings)}.");
        var defaults = new RetryPolicy();
        IConfigurationSection? Setting(string name) => section.GetChildren().FirstOrDefault(child => string.Equals(child.Key, name, StringComparison.OrdinalIgnoreCase));
        return new RetryPolicy
        {
            MaxAttempts = Setting(nameof(RetryPolicy.MaxAttempts)) is { } attempts ? Parse<int>(attempts, int.TryParse, "a whole number") : defaults.MaxAttempts,
            BaseDelay = Setting(nameof(RetryPolicy.BaseDelay)) is { } baseDelay ? Duration(baseDelay) : defaults.BaseDelay,
            MaxDelay = Setting(nameof(RetryPolicy.MaxDelay)) is { } maxDelay ? Duration(maxDelay) : defaults.MaxDelay,
        };
    }
}
