using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// Builds each registered client once, with its keys loaded then: the client over the named <see cref="HttpClient"/>
/// (whose pipeline starts with the client's <see cref="WireHandler"/>), logging one line per call.
/// </summary>
internal sealed class WeChatPayClientFactory : IWeChatPayClientFactory, IDisposable
{
    private readonly WeChatPayRegistry _registry;
    private readonly IOptionsMonitor<ClientOptions> _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Lazy<WeChatPayClient>> _clients = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    public WeChatPayClientFactory(WeChatPayRegistry registry, IOptionsMonitor<ClientOptions> options, IHttpClientFactory httpClients, ILoggerFactory loggers)
    {
        _registry = registry;
        _options = options;
        _httpClients = httpClients;
        _log = loggers.CreateLogger(WeChatPayCallLog.Category);
    }

    /// <inheritdoc />
    public WeChatPayClient Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_registry.Contains(name)) throw _registry.Unknown(name);
        return Once(_clients, name, () =>
        {
            var options = OptionsFor(name);
            WeChatPayClient client;
            try
            {
                client = new WeChatPayClient(options, _httpClients.CreateClient(WeChatPayRegistry.HttpClientName(name)), sendsVerbatimTargets: true,
                    () => _httpClients.CreateClient(WeChatPayRegistry.MutualTlsHttpClientName(name)));
            }
            catch (ConfigurationException e)
            {
                throw Named(name, e);
            }
            client.CallEnded = new WeChatPayCallLog(_log, name).Write;
            return client;
        });
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

    /// <summary>Stops certificate refreshers; the <see cref="HttpClient"/>s are the factory's.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var client in _clients.Values.Where(lazy => lazy.IsValueCreated)) client.Value.Dispose();
    }

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
