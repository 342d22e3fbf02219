using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Simulator.Bills;
using WeChatPay.Chain.Simulator.Certificates;
using WeChatPay.Chain.Simulator.Control;
using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.ProfitSharing;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// The one request handler behind Kestrel. Every response gets a <c>Request-ID</c>. Requests under <c>/simulator/</c>
/// go to the unsigned control endpoints; everything else is answered like WeChat Pay: the request's signature is
/// checked first (for <c>/v3</c>), then it is routed, and whatever comes back, success or error, is signed, except the
/// bill files WeChat Pay sends unsigned.
/// </summary>
internal sealed class SimulatorPipeline
{
    private readonly RequestAuthenticator _authenticator;
    private readonly ResponseSigner _signer;
    private readonly SignedResponseWriter _writer;
    private readonly RouteTable _v3;
    private readonly ControlEndpoints _control;
    private readonly Action<SimulatorExchange> _onExchange;

    public SimulatorPipeline(SimulatorProfile profile, SimulatorSettings settings, SimulatorState state, ControlOperations operations, Action<SimulatorExchange> onExchange)
    {
        var time = settings.TimeProvider;
        _authenticator = new RequestAuthenticator(profile, time);
        _signer = new ResponseSigner(profile, time);
        _writer = new SignedResponseWriter(_signer);
        _control = new ControlEndpoints(operations, state);
        _onExchange = onExchange;

        var orders = new SmartRetailOrderEndpoints(state.Orders, profile.MchId);
        var certificates = new CertificatesEndpoint(profile);
        var receivers = new ProfitSharingReceiverEndpoints(state.Receivers, new SensitiveFields(profile));
        var media = new MediaUploadEndpoints(state.Media);
        var bills = new BillEndpoints(new PaidOrderRows(state.Orders), new PreparedBills(time), time, profile.MchId, settings.SyntheticBillRows);
        const string SmartRetail = "/v3/payscore/smartretail-orders";
        _v3 = new RouteTable()
            .Add("GET", "/v3/certificates", (_, _) => Reply.Of(certificates.Get()))
            .Add("POST", SmartRetail, (request, _) => Reply.Of(orders.Create(request)))
            .Add("GET", SmartRetail, (request, _) => Reply.Of(orders.Query(request)))
            .Add("POST", SmartRetail + "/{out_order_no}/cancel", (request, values) => Reply.Of(orders.Cancel(request, values["out_order_no"])))
            .Add("POST", SmartRetail + "/{out_order_no}/complete", (request, values) => Reply.Of(orders.Complete(request, values["out_order_no"])))
            .Add("POST", "/v3/profitsharing/receivers/add", (request, _) => Reply.Of(receivers.Add(request)))
            .Add("POST", "/v3/profitsharing/receivers/delete", (request, _) => Reply.Of(receivers.Delete(request)))
            .Add("GET", "/v3/bill/tradebill", (request, _) => Reply.Of(bills.TradeBill(request)))
            .Add("GET", "/v3/bill/fundflowbill", (request, _) => Reply.Of(bills.FundFlowBill(request)))
            .Add("GET", "/v3/billdownload/file", (request, _) => bills.Download(request));
        foreach (var rule in MediaUploadRule.All) _v3.Add("POST", rule.Path, (request, _) => Reply.Of(media.Upload(request, rule)));
    }

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = RequestIds.Create();
        context.Response.Headers[WechatpayHeaders.RequestId] = requestId;
        var request = await RawRequest.ReadAsync(context, cancellationToken).ConfigureAwait(false);

        int status;
        string? code;
        if (context.Request.Path.StartsWithSegments("/simulator", StringComparison.Ordinal))
        {
            (status, code) = await _control.HandleAsync(context, request, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Reply reply;
            (status, reply, code) = Answer(context, request);
            if (reply.File is { } file) await SignedResponseWriter.WriteUnsignedAsync(context, file, reply.ContentType!, cancellationToken).ConfigureAwait(false);
            else await _writer.WriteAsync(context, status, reply.Json, _signer.WantsPublicKeyId(request.Header(WechatpayHeaders.Serial)), cancellationToken).ConfigureAwait(false);
        }
        try
        {
            _onExchange(new SimulatorExchange(request.Method, request.RawTarget, status, code, requestId));
        }
        catch (Exception)
        {
            // A transcript observer's failure must not turn into a failed request.
        }
    }

    private (int Status, Reply Reply, string? Code) Answer(HttpContext context, RawRequest request)
    {
        try
        {
            if (!context.Request.Path.StartsWithSegments("/v3", StringComparison.Ordinal))
                throw new ApiError(404, ErrorCodes.ResourceNotExists, $"The simulator has no API at {request.RawPath}; APIv3 paths start with /v3/");
            _authenticator.Authenticate(request);
            return (200, _v3.Dispatch(request), null);
        }
        catch (ApiError e)
        {
            return (e.Status, Reply.Of(e.ToJson()), e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the exception's type is shown: its message might quote data the simulator was handling.
            var error = new ApiError(500, ErrorCodes.SystemError, $"The simulator failed ({e.GetType().Name}); this is a simulator bug");
            return (error.Status, Reply.Of(error.ToJson()), error.Code);
        }
    }
}
