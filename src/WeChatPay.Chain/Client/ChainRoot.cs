using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Client;

/// <summary>
/// The root of the chained syntax that <see cref="Builder.Factory"/> returns as <c>dynamic</c>: a <see cref="ChainNode"/>
/// with an empty path that also gives the typed client behind it, for what the chain does not reach —
/// <c>((ChainRoot)wx).Client.Notifications</c>, or <c>wx.Client.Dispose()</c> through <c>dynamic</c>.
/// </summary>
public sealed class ChainRoot : ChainNode
{
    internal ChainRoot(WeChatPayClient client) : base(client, "") => Client = client;

    /// <summary>The client this chain sends through.</summary>
    public WeChatPayClient Client { get; }
}
