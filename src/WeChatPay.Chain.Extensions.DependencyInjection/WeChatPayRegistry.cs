using Microsoft.Extensions.DependencyInjection;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// The names given to <c>AddWeChatPay</c> in one service collection, and where each one's settings come from. Filled
/// while services are registered, only read once the provider is built.
/// </summary>
internal sealed class WeChatPayRegistry
{
    /// <summary>The unnamed client's name: <c>Options.DefaultName</c>.</summary>
    public const string DefaultName = "";

    private readonly Dictionary<string, string?> _sources = new(StringComparer.Ordinal);

    /// <summary>The registry of <paramref name="services"/>, added to it on first use.</summary>
    public static WeChatPayRegistry In(IServiceCollection services)
    {
        if (services.FirstOrDefault(service => service.ServiceType == typeof(WeChatPayRegistry))?.ImplementationInstance is WeChatPayRegistry existing)
            return existing;
        var registry = new WeChatPayRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>The name of the <see cref="HttpClient"/> behind a client, apart from any the application names itself.</summary>
    public static string HttpClientName(string name) => Named("WeChatPay.Chain", name);

    /// <summary>
    /// The name of the <see cref="HttpClient"/> of a client's <c>security = true</c> calls (APIv2's mutual TLS): under a
    /// prefix of its own, so that no client name can make it another client's <see cref="HttpClientName"/>.
    /// </summary>
    public static string MutualTlsHttpClientName(string name) => Named("WeChatPay.Chain.MutualTls", name);

    private static string Named(string prefix, string name) => name == DefaultName ? prefix : prefix + ":" + name;

    /// <summary>Adds a name; false when it was there already (the configuration section is recorded if it was not).</summary>
    public bool Add(string name, string? source)
    {
        if (_sources.TryGetValue(name, out var known))
        {
            if (known is null && source is not null) _sources[name] = source;
            return false;
        }
        _sources.Add(name, source);
        return true;
    }

    /// <summary>Whether the name was registered.</summary>
    public bool Contains(string name) => _sources.ContainsKey(name);

    /// <summary>The client as an error message names it: <c>WeChat Pay client 'a' (configuration WeChatPay:A)</c>.</summary>
    public string Describe(string name)
    {
        _sources.TryGetValue(name, out var source);
        var which = name == DefaultName ? "The unnamed WeChat Pay client" : $"WeChat Pay client '{name}'";
        return source is null ? which : $"{which} (configuration {source})";
    }

    /// <summary>The error for a name that was never registered, listing those that were.</summary>
    public ConfigurationException Unknown(string name)
    {
        var known = _sources.Count == 0 ? "none" : string.Join(", ", _sources.Keys.Order(StringComparer.Ordinal).Select(n => n == DefaultName ? "the unnamed one" : $"'{n}'"));
        var which = name == DefaultName ? "no unnamed WeChat Pay client" : $"no WeChat Pay client named '{name}'";
        return new ConfigurationException($"There is {which}; registered: {known}. Register it with services.AddWeChatPay(\"{name}\", …).");
    }
}
