using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Control;

/// <summary>
/// Plain, unsigned JSON endpoints under <c>/simulator/</c> that play the user: accept and pay orders, list them.
/// Loopback callers only (403 NO_AUTH otherwise), because they need no signature.
/// </summary>
internal sealed class ControlEndpoints
{
    private readonly RouteTable _routes;

    public ControlEndpoints(ControlOperations operations, SmartRetailOrderStore store)
    {
        _routes = new RouteTable()
            .Add("POST", "/simulator/smartretail-orders/{out_order_no}/accept", (_, values) => operations.Accept(values["out_order_no"]).Resource)
            .Add("POST", "/simulator/smartretail-orders/{out_order_no}/pay", (_, values) => operations.Pay(values["out_order_no"]).Resource)
            .Add("GET", "/simulator/smartretail-orders", (_, _) => new JsonObject { ["data"] = new JsonArray(store.Snapshot().Select(ToJson).ToArray()) });
    }

    /// <returns>The status written and the error code, if any.</returns>
    public async Task<(int Status, string? Code)> HandleAsync(HttpContext context, RawRequest request, CancellationToken cancellationToken)
    {
        int status;
        JsonNode body;
        string? code = null;
        try
        {
            if (!LoopbackGuard.Allows(context.Connection.RemoteIpAddress))
                throw new ApiError(403, ErrorCodes.NoAuth, "The simulator's control endpoints answer loopback callers only");
            body = _routes.Dispatch(request);
            status = 200;
        }
        catch (ApiError e)
        {
            (status, body, code) = (e.Status, e.ToJson(), e.Code);
        }
        var bytes = WireJson.Serialize(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return (status, code);
    }

    private static JsonNode ToJson(SmartRetailOrderView order)
    {
        var json = new JsonObject
        {
            ["out_order_no"] = order.OutOrderNo,
            ["order_id"] = order.OrderId,
            ["service_id"] = order.ServiceId,
            ["appid"] = order.AppId,
            ["state"] = order.State.ToWireName(),
        };
        if (order.FinishTicket is not null) json["finish_ticket"] = order.FinishTicket;
        if (order.TotalAmount is not null) json["total_amount"] = order.TotalAmount;
        if (order.NotifyUrl is not null) json["notify_url"] = order.NotifyUrl.ToString();
        return json;
    }
}
