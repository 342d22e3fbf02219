using WeChatPay.Chain.Benchmarks.Baseline;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>The hand-written baseline as a <see cref="Contender"/>.</summary>
/// <param name="client">The baseline client; disposed with this.</param>
public sealed class BaselineContender(HandWrittenClient client) : Contender
{
    /// <inheritdoc />
    public override string Name => "baseline";

    /// <inheritdoc />
    public override bool IsBaseline => true;

    /// <inheritdoc />
    public override async Task<int> CallAsync() => (await client.PostAsync(SmartRetailOrder.Payload).ConfigureAwait(false)).Length;

    /// <inheritdoc />
    public override int Call() => client.Post(SmartRetailOrder.Payload).Length;

    /// <inheritdoc />
    public override void Dispose() => client.Dispose();
}
