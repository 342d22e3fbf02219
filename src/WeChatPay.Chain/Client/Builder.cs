using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Client;

/// <summary>The entry point, like wechatpay-php's <c>Builder::factory($config)</c>.</summary>
public static class Builder
{
    /// <summary>
    /// Builds a client and returns its root node as <c>dynamic</c>, ready for the six call styles:
    /// <c>wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = … })</c>, <c>wx.Chain("v3/…")</c>, <c>wx["v3/…"]</c>,
    /// and their synchronous forms. Build once and share: the client is thread-safe and holds the connection pool.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable.</exception>
    public static dynamic Factory(ClientOptions options) => new WeChatPayClient(options).Root;

    /// <summary>The same client without <c>dynamic</c>, for typed code and for disposing it.</summary>
    public static WeChatPayClient Create(ClientOptions options) => new(options);
}
