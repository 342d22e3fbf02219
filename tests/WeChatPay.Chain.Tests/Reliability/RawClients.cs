using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Clients with the library's own socket transport, pointed at a <see cref="RawHttpServer"/>.</summary>
internal static class RawClients
{
    public static WeChatPayClient For(RawHttpServer server, TimeSpan? timeout = null)
    {
        var options = Fixtures.OverHttp(server.BaseUri);
        options.Timeout = timeout ?? TimeSpan.FromSeconds(10);
        return new WeChatPayClient(options);
    }
}
