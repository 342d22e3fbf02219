using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// The merchant-side smart-retail endpoints: create, query, cancel, complete. Each takes the verified request and
/// returns the JSON to send, or throws <see cref="ApiError"/> with the code WeChat Pay would answer.
/// </summary>
internal sealed class SmartRetailOrderEndpoints
{
    private readonly SmartRetailOrderStore _store;
    private readonly string _mchId;

    public SmartRetailOrderEndpoints(SmartRetailOrderStore store, string mchId)
    {
        _store = store;
        _mchId = mchId;
    }

    /// <summary><c>POST /v3/payscore/smartretail-orders</c>.</summary>
    public JsonObject Create(RawRequest request)
    {
        var create = CreateOrderRequest.Parse(request.Body) with { Scheme = request.Scheme };
        return _store.Create(create, order => OrderJson.Created(order, _mchId));
    }

    /// <summary><c>GET /v3/payscore/smartretail-orders?service_id=&amp;appid=&amp;out_order_no=|query_id=</c>.</summary>
    public JsonObject Query(RawRequest request)
    {
        var serviceId = QueryParameters.Required(request, "service_id");
        var appId = QueryParameters.Required(request, "appid");
        var outOrderNo = QueryParameters.Optional(request, "out_order_no");
        var queryId = QueryParameters.Optional(request, "query_id");
        if ((outOrderNo is null) == (queryId is null))
            throw ApiError.Param("out_order_no", "give exactly one of out_order_no and query_id", "query");

        JsonObject Project(SmartRetailOrder order)
        {
            RequireSameOwner(order, appId, serviceId);
            return OrderJson.Full(order, _mchId);
        }
        return outOrderNo is not null
            ? _store.WithOrder(OutOrderNumber.Check(outOrderNo, "query"), Project)
            : _store.WithOrderId(queryId!, Project);
    }

    /// <summary><c>POST …/{out_order_no}/cancel</c>: only before the user confirms.</summary>
    public JsonObject Cancel(RawRequest request, string outOrderNo)
    {
        OutOrderNumber.Check(outOrderNo, "path");
        var cancel = CancelOrderRequest.Parse(request.Body);
        return _store.WithOrder(outOrderNo, order =>
        {
            RequireSameOwner(order, cancel.AppId, cancel.ServiceId);
            RequireState(order, SmartRetailOrderState.Created, "cancel");
            order.State = SmartRetailOrderState.Revoked;
            order.CancelReason = cancel.Reason;
            return OrderJson.Identifiers(order, _mchId);
        });
    }

    /// <summary><c>POST …/{out_order_no}/complete</c>: only after the user confirms, quoting the order's finish ticket.</summary>
    public JsonObject Complete(RawRequest request, string outOrderNo)
    {
        OutOrderNumber.Check(outOrderNo, "path");
        var complete = CompleteOrderRequest.Parse(request.Body);
        return _store.WithOrder(outOrderNo, order =>
        {
            RequireSameOwner(order, complete.AppId, complete.ServiceId);
            RequireState(order, SmartRetailOrderState.UserAccepted, "complete");
            if (!string.Equals(order.FinishTicket, complete.FinishTicket, StringComparison.Ordinal))
                throw ApiError.Param("finish_ticket", "does not match the finish_ticket of this order; query the order to read it");

            order.FinishType = complete.FinishType;
            order.RealServiceStartTime = complete.RealServiceStartTime;
            order.RealServiceEndTime = complete.RealServiceEndTime;
            order.RealServiceEndLocation = complete.RealServiceEndLocation;
            order.ProfitSharing = complete.ProfitSharing;
            if (complete.FinishType == CompleteOrderRequest.Cancel)
            {
                order.State = SmartRetailOrderState.Revoked;
                order.CancelReason = complete.CancelReason;
            }
            else
            {
                order.State = SmartRetailOrderState.Finished;
                order.Fees = complete.Fees;
                order.Discounts = complete.Discounts;
                order.TotalAmount = complete.TotalAmount;
            }
            return OrderJson.Identifiers(order, _mchId);
        });
    }

    private static void RequireSameOwner(SmartRetailOrder order, string appId, string serviceId)
    {
        if (!string.Equals(order.AppId, appId, StringComparison.Ordinal))
            throw ApiError.Invalid($"appid {appId} is not the appid order {order.OutOrderNo} was created with", "appid");
        if (!string.Equals(order.ServiceId, serviceId, StringComparison.Ordinal))
            throw ApiError.Invalid($"service_id {serviceId} is not the service_id order {order.OutOrderNo} was created with", "service_id");
    }

    /// <summary>An action the order's state does not allow is INVALID_REQUEST, with the state in the message.</summary>
    public static void RequireState(SmartRetailOrder order, SmartRetailOrderState required, string action)
    {
        if (order.State != required)
            throw ApiError.Invalid($"Order {order.OutOrderNo} is {order.State.ToWireName()}; {action} needs it to be {required.ToWireName()}");
    }
}
