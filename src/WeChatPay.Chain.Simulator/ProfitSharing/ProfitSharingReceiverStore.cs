namespace WeChatPay.Chain.Simulator.ProfitSharing;

/// <summary>
/// The merchant's profit-sharing receivers, one per type and account: adding one again replaces what was stored.
/// Thread-safe; kept in insertion order so a snapshot reads like the merchant's list.
/// </summary>
internal sealed class ProfitSharingReceiverStore
{
    private readonly object _gate = new();
    private readonly List<ProfitSharingReceiverView> _receivers = [];

    public void Add(ProfitSharingReceiverView receiver)
    {
        lock (_gate)
        {
            var at = IndexOf(receiver.Type, receiver.Account);
            if (at < 0) _receivers.Add(receiver);
            else _receivers[at] = receiver;
        }
    }

    /// <returns>Whether there was such a receiver.</returns>
    public bool Remove(string type, string account)
    {
        lock (_gate)
        {
            var at = IndexOf(type, account);
            if (at < 0) return false;
            _receivers.RemoveAt(at);
            return true;
        }
    }

    public IReadOnlyList<ProfitSharingReceiverView> Snapshot()
    {
        lock (_gate) return _receivers.ToArray();
    }

    private int IndexOf(string type, string account)
        => _receivers.FindIndex(r => r.Type == type && string.Equals(r.Account, account, StringComparison.Ordinal));
}
