using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using WeChatPay.Chain;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Extensions.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>services.AddWeChatPay(…)</c>: WeChat Pay clients for one merchant or several side by side, each under a name,
/// built on <see cref="IHttpClientFactory"/>. Get them from <see cref="IWeChatPayClientFactory"/>; the unnamed one is
/// also a <see cref="WeChatPayClient"/> service of its own.
/// </summary>
/// <remarks>
/// <para>
/// Each name gets a named <see cref="HttpClient"/> under its <see cref="WeChatPayClient"/>: the client signs each request,
/// verifies each answer and repeats calls as <see cref="ClientOptions.Retry"/> says in its own call path, and logs one
/// line per call (method, path, status, duration, <c>Request-ID</c>; never bodies, headers or keys). The pipeline is,
/// outermost first: the client's wire step, whatever you add to the returned builder (Polly, logging), then the transport
/// (<see cref="ClientOptions.HttpMessageHandler"/> when set). A handler you add sees each attempt signed, as it is sent.
/// </para>
/// <para>
/// Keys are loaded once per name, when its client is first asked for; a setting that is missing or unusable is a
/// <see cref="ConfigurationException"/> then, naming the client and the setting. Ask for the clients at start-up to
/// find such mistakes before the first payment.
/// </para>
/// </remarks>
public static class WeChatPayServiceCollectionExtensions
{
    /// <summary>Registers the unnamed client, resolvable as <see cref="WeChatPayClient"/>, with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="ClientOptions"/>; runs once, when the client is first needed.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (they go between the client's call path and the transport).</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, Action<ClientOptions> configure)
        => services.AddWeChatPay(WeChatPayRegistry.DefaultName, configure);

    /// <summary>Registers a client under <paramref name="name"/> with options set in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name to get the client by from <see cref="IWeChatPayClientFactory.Get"/>; "" is the unnamed client.</param>
    /// <param name="configure">Sets the <see cref="ClientOptions"/>; runs once, when the client is first needed.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (they go between the client's call path and the transport).</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, string name, Action<ClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name, source: null);
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>
    /// Registers the unnamed client, resolvable as <see cref="WeChatPayClient"/>, with options from a configuration
    /// section such as <c>configuration.GetSection("WeChatPay")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">
    /// The section: <c>MchId</c>, <c>Serial</c>, <c>PrivateKey</c> (a file path), <c>Certs</c> (id → file path),
    /// <c>ApiV3Key</c>, <c>BaseUri</c>, <c>Timeout</c> and the other simple <see cref="ClientOptions"/> settings; any
    /// other key is an error. Relative paths are taken from the current directory, which is the content root of an
    /// ASP.NET Core application started normally.
    /// </param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (they go between the client's call path and the transport).</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, IConfiguration section)
        => services.AddWeChatPay(WeChatPayRegistry.DefaultName, section);

    /// <summary>Registers a client under <paramref name="name"/> with options from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The name to get the client by from <see cref="IWeChatPayClientFactory.Get"/>; "" is the unnamed client.</param>
    /// <param name="section">The section; see <see cref="AddWeChatPay(IServiceCollection, IConfiguration)"/> for its keys.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers (they go between the client's call path and the transport).</returns>
    public static IHttpClientBuilder AddWeChatPay(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = Register(services, name, (section as IConfigurationSection)?.Path);
        services.Configure<ClientOptions>(name, options => ClientOptionsConfiguration.Bind(section, options));
        return builder;
    }

    /// <summary>
    /// Adds the name and, the first time, its <see cref="HttpClient"/> and the shared services. Registering a name again
    /// only adds its settings, so one name can take both a section and code; the pipeline is built once.
    /// </summary>
    private static IHttpClientBuilder Register(IServiceCollection services, string name, string? source)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var registry = WeChatPayRegistry.In(services);
        var httpClientName = WeChatPayRegistry.HttpClientName(name);
        if (!registry.Add(name, source)) return services.AddHttpClient(httpClientName);

        services.TryAddSingleton<WeChatPayClientFactory>();
        services.TryAddSingleton<IWeChatPayClientFactory>(provider => provider.GetRequiredService<WeChatPayClientFactory>());
        if (name == WeChatPayRegistry.DefaultName)
            services.TryAddSingleton(provider => provider.GetRequiredService<IWeChatPayClientFactory>().Get(WeChatPayRegistry.DefaultName));

        // The calls with security = true (APIv2's mutual TLS) go through a pipeline of their own, built like this one —
        // the handlers added to the returned builder included — over a transport that presents the merchant certificate.
        var mutualTlsName = WeChatPayRegistry.MutualTlsHttpClientName(name);
        services.AddHttpClient(mutualTlsName).RemoveAllLoggers();
        // Read when the options are built, not injected: the monitor is made from these very configurations.
        services.AddOptions<HttpClientFactoryOptions>(mutualTlsName).Configure<IServiceProvider>((mutualTls, provider) =>
        {
            var main = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(httpClientName);
            (mutualTls.HandlerLifetime, mutualTls.SuppressHandlerScope) = (main.HandlerLifetime, main.SuppressHandlerScope);
            foreach (var action in main.HttpClientActions) mutualTls.HttpClientActions.Add(action);
            foreach (var action in main.HttpMessageHandlerBuilderActions) mutualTls.HttpMessageHandlerBuilderActions.Add(action);
            // Last, so that it replaces the primary handler the copied actions set.
            mutualTls.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = OwnTransport(builder.Services, name, mutualTls: true));
        });

        // The client keeps its HttpClient for life (as WeChatPayClient is meant to be kept), so the factory never
        // rotates this pipeline: DNS changes are picked up by the transport's connection lifetime instead.
        // The factory's own loggers would log every attempt, query string included; the client logs each call once.
        return services.AddHttpClient(httpClientName)
            .RemoveAllLoggers()
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<WeChatPayClientFactory>().OptionsFor(name).HttpMessageHandler is { } given
                ? PipelineTransport.Given(given)
                : OwnTransport(provider, name, mutualTls: false))
            // Outermost, where a request leaves the client's Flurl pipeline: the verbatim request-target and synchronous sends.
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Insert(0, new WireHandler()));
    }

    /// <summary>The transport the client makes, over the settings its factory loads for <paramref name="name"/> by the first request.</summary>
    private static HttpMessageHandler OwnTransport(IServiceProvider provider, string name, bool mutualTls)
    {
        var clients = provider.GetRequiredService<WeChatPayClientFactory>();
        return PipelineTransport.Own(() => clients.Get(name).Merchant, mutualTls);
    }
}
