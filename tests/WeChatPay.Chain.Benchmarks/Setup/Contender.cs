namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// One way of making the create-order call — the hand-written baseline, or the client through one of its faces — so
/// that runners can alternate them over the same transport and compare like with like.
/// </summary>
public abstract class Contender : IDisposable
{
    /// <summary>A short name for tables.</summary>
    public abstract string Name { get; }

    /// <summary>Whether this is the hand-written baseline the others are compared with.</summary>
    public virtual bool IsBaseline => false;

    /// <summary>Whether this is a reference shown for scale (such as HTTP without crypto), not held to the targets.</summary>
    public virtual bool IsReference => false;

    /// <summary>Makes one call with the async API and returns the length of the verified body.</summary>
    public abstract Task<int> CallAsync();

    /// <summary>Makes one call with the sync API and returns the length of the verified body.</summary>
    public abstract int Call();

    /// <inheritdoc />
    public virtual void Dispose() { }

    /// <inheritdoc />
    public override string ToString() => Name;
}
