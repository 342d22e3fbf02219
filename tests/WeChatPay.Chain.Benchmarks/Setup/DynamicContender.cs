namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The client's face as the README shows it: <c>wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = payload })</c>
/// on the <c>dynamic</c> root that <c>Builder.Factory</c> returns, the whole chain resolved on every call.
/// </summary>
public sealed class DynamicContender : Contender
{
    private readonly WeChatPayClient _client;
    private readonly dynamic _wx;

    /// <summary>
    /// Wraps a client built by <see cref="Builder.Create"/>; <c>(dynamic)client.Root</c> is exactly what
    /// <see cref="Builder.Factory"/> returns, and keeping the client lets this dispose it.
    /// </summary>
    public DynamicContender(WeChatPayClient client)
    {
        _client = client;
        _wx = client.Root;
    }

    /// <inheritdoc />
    public override string Name => "dynamic";

    /// <inheritdoc />
    public override async Task<int> CallAsync()
    {
        WeChatPayResponse response = await _wx.V3.Payscore.SmartretailOrders.PostAsync(new { json = SmartRetailOrder.Payload });
        return response.Body.Length;
    }

    /// <inheritdoc />
    public override int Call()
    {
        WeChatPayResponse response = _wx.V3.Payscore.SmartretailOrders.Post(new { json = SmartRetailOrder.Payload });
        return response.Body.Length;
    }

    /// <inheritdoc />
    public override void Dispose() => _client.Dispose();
}
