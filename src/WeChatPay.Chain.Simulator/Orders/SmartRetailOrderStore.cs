using System.Globalization;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// All simulated orders, keyed by <c>out_order_no</c> (case-sensitive, as WeChat Pay keeps it) and by <c>order_id</c>.
/// One lock guards both indexes and every order, so concurrent creates can neither lose nor duplicate an order and a
/// reader never sees half a transition. Callers do their reading and writing inside the callbacks, under the lock.
/// </summary>
internal sealed class SmartRetailOrderStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SmartRetailOrder> _byOutOrderNo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SmartRetailOrder> _byOrderId = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _sequence;

    public SmartRetailOrderStore(TimeProvider time) => _time = time;

    /// <summary>
    /// Creates the order, or returns the existing one when the same <c>out_order_no</c> comes again with the same
    /// parameters (a retry). Different parameters under a known <c>out_order_no</c> are refused.
    /// </summary>
    public T Create<T>(CreateOrderRequest request, Func<SmartRetailOrder, T> project)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_byOutOrderNo.TryGetValue(request.OutOrderNo, out var existing))
            {
                existing.Refresh(now);
                return existing.IsSameRequest(request)
                    ? project(existing)
                    : throw ApiError.Invalid($"out_order_no {request.OutOrderNo} already exists with different parameters; repeat the original parameters or use a new out_order_no", "out_order_no");
            }
            var orderId = "1000" + WireTime.Compact(now)[..8] + (++_sequence).ToString("D12", CultureInfo.InvariantCulture);
            var order = new SmartRetailOrder(request, orderId, "SIM." + Nonce.Create(40), now);
            _byOutOrderNo.Add(order.OutOrderNo, order);
            _byOrderId.Add(order.OrderId, order);
            return project(order);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the order with this <c>out_order_no</c>, its expiry brought up to date.</summary>
    /// <exception cref="ApiError">404 ORDER_NOT_EXIST.</exception>
    public T WithOrder<T>(string outOrderNo, Func<SmartRetailOrder, T> action)
    {
        lock (_gate)
        {
            if (!_byOutOrderNo.TryGetValue(outOrderNo, out var order)) throw ApiError.OrderNotFound($"No order has out_order_no {outOrderNo}");
            order.Refresh(_time.GetUtcNow());
            return action(order);
        }
    }

    /// <summary>Runs <paramref name="action"/> on the order with this <c>order_id</c> (the query's <c>query_id</c>).</summary>
    /// <exception cref="ApiError">404 ORDER_NOT_EXIST.</exception>
    public T WithOrderId<T>(string orderId, Func<SmartRetailOrder, T> action)
    {
        lock (_gate)
        {
            if (!_byOrderId.TryGetValue(orderId, out var order)) throw ApiError.OrderNotFound($"No order has order_id {orderId}");
            order.Refresh(_time.GetUtcNow());
            return action(order);
        }
    }

    /// <summary>
    /// The non-null results of <paramref name="project"/> over every order, oldest first, expiry brought up to date;
    /// the projection runs under the lock, so it sees each order whole.
    /// </summary>
    public IReadOnlyList<T> Select<T>(Func<SmartRetailOrder, T?> project) where T : class
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var results = new List<T>();
            foreach (var order in _byOrderId.Values.OrderBy(order => order.OrderId, StringComparer.Ordinal))
            {
                order.Refresh(now);
                if (project(order) is { } result) results.Add(result);
            }
            return results;
        }
    }

    /// <summary>Every order, oldest first, expiry brought up to date.</summary>
    public IReadOnlyList<SmartRetailOrderView> Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            return _byOrderId.Values.OrderBy(order => order.OrderId, StringComparer.Ordinal).Select(order =>
            {
                order.Refresh(now);
                return order.ToView();
            }).ToArray();
        }
    }
}
