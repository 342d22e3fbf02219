using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The client without <c>dynamic</c>: <c>Builder.Create(options)</c>, the node for the path taken once with
/// <c>Chain(…)</c> and kept, then <c>orders.PostAsync(new { json = payload })</c> per call.
/// </summary>
public sealed class TypedContender : Contender
{
    private readonly WeChatPayClient _client;
    private readonly ChainNode _orders;

    /// <summary>Wraps a client built by <see cref="Builder.Create"/>; disposed with this.</summary>
    public TypedContender(WeChatPayClient client)
    {
        _client = client;
        _orders = client.Chain(SmartRetailOrder.Path);
    }

    /// <inheritdoc />
    public override string Name => "typed";

    /// <inheritdoc />
    public override async Task<int> CallAsync() => (await _orders.PostAsync(new { json = SmartRetailOrder.Payload }).ConfigureAwait(false)).Body.Length;

    /// <inheritdoc />
    public override int Call() => _orders.Post(new { json = SmartRetailOrder.Payload }).Body.Length;

    /// <inheritdoc />
    public override void Dispose() => _client.Dispose();
}
