namespace WeChatPay.Chain.Chaining;

/// <summary>
/// What the chained syntax needs of a client: something that sends a verb to a node's path with the caller's options.
/// The nodes know nothing else of the client.
/// </summary>
internal interface IChainSender
{
    /// <summary>Sends <paramref name="method"/> to <paramref name="node"/>'s path and returns the verified response.</summary>
    Task<WeChatPayResponse> SendAsync(HttpMethod method, ChainNode node, object? options, CancellationToken cancellationToken);

    /// <summary>The synchronous form of <see cref="SendAsync"/>.</summary>
    WeChatPayResponse Send(HttpMethod method, ChainNode node, object? options);
}
