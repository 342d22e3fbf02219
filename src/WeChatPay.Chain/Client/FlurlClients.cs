using Flurl.Http;

namespace WeChatPay.Chain.Client;

/// <summary>The Flurl clients calls go through.</summary>
internal static class FlurlClients
{
    /// <summary>
    /// A Flurl client of the library's own, over an <see cref="HttpClient"/> that sends through a <see cref="WireHandler"/>
    /// to <paramref name="transport"/>, or to <paramref name="merchant"/>'s own (disposed with the client) when that is null.
    /// </summary>
    public static IFlurlClient Over(HttpMessageHandler? transport, Merchant merchant, bool mutualTls = false)
        => new FlurlClient(new HttpClient(new WireHandler(transport ?? DefaultTransport.For(merchant, mutualTls), disposeTransport: transport is null)));

    /// <summary>A Flurl client over an <see cref="HttpClient"/> built elsewhere, which Flurl takes the timeout of.</summary>
    /// <exception cref="ConfigurationException">Flurl cannot use it: it has sent requests already (so its timeout can no longer be set), or it is disposed.</exception>
    public static IFlurlClient Wrap(HttpClient httpClient)
    {
        try
        {
            return new FlurlClient(httpClient);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw new ConfigurationException(
                $"The HttpClient cannot carry WeChat Pay calls: Flurl sets its Timeout, which an HttpClient allows only before its first request, and this one {(e is ObjectDisposedException ? "is disposed" : "has sent requests already")}. " +
                "Give a new HttpClient (from IHttpClientFactory.CreateClient, say) that has not been used.", e);
        }
    }
}
