namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// The APIv2 orders by <c>out_trade_no</c>. Every member takes the store's lock, and <see cref="Atomically{T}"/> holds it
/// across several (the lock is re-entrant), so that an endpoint's look-up and change are one step. Thread-safe.
/// </summary>
internal sealed class ApiV2OrderStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ApiV2Order> _orders = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="action"/> under the store's lock; the orders it touches may be read and changed there.</summary>
    public T Atomically<T>(Func<T> action)
    {
        lock (_gate) return action();
    }

    public ApiV2Order? Find(string outTradeNo)
    {
        lock (_gate) return _orders.GetValueOrDefault(outTradeNo);
    }

    public void Add(ApiV2Order order)
    {
        lock (_gate) _orders.Add(order.OutTradeNo, order);
    }

    /// <summary>
    /// The order a query or refund names: by <c>transaction_id</c> when it is given (WeChat Pay's rule when both are),
    /// else by <c>out_trade_no</c>.
    /// </summary>
    /// <exception cref="ApiV2Failure">Refused when neither is given; <c>ORDERNOTEXIST</c> when no order matches.</exception>
    public ApiV2Order FindFor(VerifiedRequest request)
    {
        var transactionId = request.Optional("transaction_id", 32);
        var outTradeNo = transactionId is null ? request.OptionalMerchantNumber("out_trade_no") : null;
        if (transactionId is null && outTradeNo is null) throw ApiV2Failure.Missing("transaction_id or out_trade_no");
        lock (_gate)
        {
            var order = transactionId is null
                ? _orders.GetValueOrDefault(outTradeNo!)
                : _orders.Values.FirstOrDefault(candidate => candidate.TransactionId == transactionId);
            return order ?? throw ApiV2Failure.Business(OrderNotExist, transactionId is null
                ? $"此交易订单号不存在: no order has out_trade_no {outTradeNo}"
                : $"此交易订单号不存在: no paid order has transaction_id {transactionId}");
        }
    }

    /// <summary>Everything <paramref name="select"/> makes of each order, taken under the lock; in no particular order.</summary>
    public IReadOnlyList<T> SelectMany<T>(Func<ApiV2Order, IEnumerable<T>> select)
    {
        lock (_gate) return _orders.Values.SelectMany(select).ToList();
    }

    public ApiV2OrderView? View(string outTradeNo)
    {
        lock (_gate) return _orders.GetValueOrDefault(outTradeNo)?.ToView();
    }

    public const string OrderNotExist = "ORDERNOTEXIST";
}
