using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// Builds each registered client once: its options, its credentials (keys loaded once and shared by every pipeline
/// the <see cref="IHttpClientFactory"/> builds for it), and the client over the named <see cref="HttpClient"/>.
/// </summary>
internal sealed class WeChatPayClientFactory : IWeChatPayClientFactory, IDisposable
{
    private readonly WeChatPayRegistry _registry;
    private readonly IOptionsMonitor<ClientOptions> _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Lazy<WeChatPayCredentials>> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<WeChatPayClient>> _clients = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public WeChatPayClientFactory(WeChatPayRegistry registry, IOptionsMonitor<ClientOptions> options, IHttpClientFactory httpClients, ILoggerFactory loggers)
    {
        _registry = registry;
        _options = options;
        _httpClients = httpClients;
        _log = loggers.CreateLogger(WeChatPayLoggingHandler.Category);
    }

    /// <inheritdoc />
    public WeChatPayClient Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_registry.Contains(name)) throw _registry.Unknown(name);
        return Once(_clients, name, () => new WeChatPayClient(CredentialsFor(name), _httpClients.CreateClient(WeChatPayRegistry.HttpClientName(name))));
    }

    /// <summary>The options of a registered client, with configuration errors named after it.</summary>
    internal ClientOptions OptionsFor(string name)
    {
        try
        {
            return _options.Get(name);
        }
        catch (ConfigurationException e)
        {
            throw Named(name, e);
        }
    }

    /// <summary>Adds a pipeline's steps, outermost first: the log line, then retry (if any), signing and verification.</summary>
    internal void AddSteps(string name, IList<DelegatingHandler> handlers)
    {
        var credentials = CredentialsFor(name);
        handlers.Add(new WeChatPayLoggingHandler(_log, name));
        foreach (var step in credentials.CreateHandlers()) handlers.Add(step);
    }

    /// <summary>Stops certificate refreshers; the clients hold nothing else of their own.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var client in _clients.Values.Where(lazy => lazy.IsValueCreated)) client.Value.Dispose();
        foreach (var credentials in _credentials.Values.Where(lazy => lazy.IsValueCreated)) credentials.Value.Dispose();
    }

    private WeChatPayCredentials CredentialsFor(string name) => Once(_credentials, name, () =>
    {
        var options = OptionsFor(name);
        try
        {
            return WeChatPayCredentials.Load(options);
        }
        catch (ConfigurationException e)
        {
            throw Named(name, e);
        }
    });

    private ConfigurationException Named(string name, ConfigurationException e)
        => new($"{_registry.Describe(name)}: {e.Message}", e);

    /// <summary>Runs <paramref name="create"/> once per name; a failure is not kept, so a fixed setting works on the next try.</summary>
    private static T Once<T>(ConcurrentDictionary<string, Lazy<T>> cache, string name, Func<T> create)
    {
        var lazy = cache.GetOrAdd(name, _ => new Lazy<T>(create));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<T>>(name, lazy));
            throw;
        }
    }
}
