using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Simulator.Faults;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.Transactions;

namespace WeChatPay.Chain.Simulator.Control;

/// <summary>
/// Plain, unsigned endpoints under <c>/simulator/</c> that play the user: accept and pay orders, list them; attach an
/// image to a complaint (<c>POST /simulator/complaint-images?filename=…</c>, the image as the body); pay a JSAPI order
/// with the front end's parameters (<c>POST /simulator/pay/jsapi</c>); serve
/// the images uploaded for marketing at the <c>media_url</c> they were given; and inject, list and clear faults
/// (<c>/simulator/faults</c>, see <see cref="FaultRequest"/>). Loopback callers only (403 NO_AUTH
/// otherwise), because they need no signature.
/// </summary>
internal sealed class ControlEndpoints
{
    private readonly RouteTable _routes;

    public ControlEndpoints(ControlOperations operations, SimulatorState state, FaultInjector faults)
    {
        _routes = new RouteTable()
            .Add("POST", "/simulator/smartretail-orders/{out_order_no}/accept", (_, values) => Reply.Of(operations.Accept(values["out_order_no"]).Resource))
            .Add("POST", "/simulator/smartretail-orders/{out_order_no}/pay", (_, values) => Reply.Of(operations.Pay(values["out_order_no"]).Resource))
            .Add("GET", "/simulator/smartretail-orders", (_, _) => Reply.Of(new JsonObject { ["data"] = new JsonArray(state.Orders.Snapshot().Select(ToJson).ToArray()) }))
            .Add("GET", MediaStore.MediaUrlPath("{id}"), (_, values) => ServeMedia(state.Media, values["id"]))
            .Add("POST", "/simulator/complaint-images", (request, _) => Reply.Of(AddComplaintImage(state.ComplaintImages, request)))
            .Add("POST", "/simulator/pay/jsapi", (request, _) => Reply.Of(PayJsapi(state.JsapiTransactions, request)))
            .Add("POST", "/simulator/faults", (request, _) => Reply.Of(AddFault(faults, request)))
            .Add("GET", "/simulator/faults", (_, _) => Reply.Of(FaultRequest.Summary(faults)))
            .Add("DELETE", "/simulator/faults", (_, _) =>
            {
                faults.Clear();
                return Reply.Of(FaultRequest.Summary(faults));
            });
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
            var reply = _routes.Dispatch(request);
            if (reply.File is { } file)
            {
                await SignedResponseWriter.WriteUnsignedAsync(context, file, reply.ContentType!, cancellationToken).ConfigureAwait(false);
                return (200, null);
            }
            body = reply.Json!;
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

    private static JsonObject AddFault(FaultInjector faults, RawRequest request)
    {
        var (fault, times) = FaultRequest.Parse(request.Body);
        faults.Add(fault, times);
        return FaultRequest.Summary(faults);
    }

    /// <summary><c>POST /simulator/complaint-images?filename=photo.png</c> with the image as the body: a user's complaint image.</summary>
    private static JsonObject AddComplaintImage(ComplaintImages images, RawRequest request)
    {
        var fileName = QueryParameters.Required(request, "filename");
        string id;
        try
        {
            id = images.Add(request.Body, fileName);
        }
        catch (ArgumentException e)
        {
            throw ApiError.Param(e.ParamName == "content" ? "body" : "filename", e.Message);
        }
        return new JsonObject { ["media_id"] = id, ["media_url"] = ComplaintImages.Url(request.BaseUri, id).ToString() };
    }

    /// <summary><c>POST /simulator/pay/jsapi</c> with the front end's parameters as JSON: the user pays a JSAPI order.</summary>
    private static JsonObject PayJsapi(JsapiTransactionStore transactions, RawRequest request)
    {
        var paid = transactions.Pay(JsapiPayment.Parse(request.Body));
        return new JsonObject { ["out_trade_no"] = paid.OutTradeNo, ["trade_state"] = paid.TradeState, ["transaction_id"] = paid.TransactionId };
    }

    private static Reply ServeMedia(MediaStore media, string id)
    {
        var upload = media.FindServed(id) ?? throw new ApiError(404, ErrorCodes.ResourceNotExists, $"No marketing image has the media_url ending {id}");
        var type = Path.GetExtension(upload.View.FileName).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".bmp" => "image/bmp",
            _ => "image/jpeg",
        };
        return Reply.Unsigned(upload.Content!, type);
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
