using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Simulator.Certificates;
using WeChatPay.Chain.Simulator.Control;
using WeChatPay.Chain.Simulator.Orders;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// The one request handler behind Kestrel. Every response gets a <c>Request-ID</c>. Requests under <c>/simulator/</c>
/// go to the unsigned control endpoints; everything else is answered like WeChat Pay: the request's signature is
/// checked first (for <c>/v3</c>), then it is routed, and whatever comes back, success or error, is signed.
/// </summary>
internal sealed class SimulatorPipeline
{
    private readonly RequestAuthenticator _authenticator;
    private readonly ResponseSigner _signer;
    private readonly SignedResponseWriter _writer;
    private readonly RouteTable _v3;
    private readonly ControlEndpoints _control;
    private readonly Action<SimulatorExchange> _onExchange;

    public SimulatorPipeline(SimulatorProfile profile, TimeProvider time, SmartRetailOrderStore store, ControlOperations operations, Action<SimulatorExchange> onExchange)
    {
        _authenticator = new RequestAuthenticator(profile, time);
        _signer = new ResponseSigner(profile, time);
        _writer = new SignedResponseWriter(_signer);
        _control = new ControlEndpoints(operations, store);
        _onExchange = onExchange;

        var orders = new SmartRetailOrderEndpoints(store, profile.MchId);
        var certificates = new CertificatesEndpoint(profile);
        const string SmartRetail = "/v3/payscore/smartretail-orders";
        _v3 = new RouteTable()
            .Add("GET", "/v3/certificates", (_, _) => certificates.Get())
            .Add("POST", SmartRetail, (request, _) => orders.Create(request))
            .Add("GET", SmartRetail, (request, _) => orders.Query(request))
            .Add("POST", SmartRetail + "/{out_order_no}/cancel", (request, values) => orders.Cancel(request, values["out_order_no"]))
            .Add("POST", SmartRetail + "/{out_order_no}/complete", (request, values) => orders.Complete(request, values["out_order_no"]));
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
            JsonNode body;
            (status, body, code) = Answer(context, request);
            await _writer.WriteAsync(context, status, body, _signer.WantsPublicKeyId(request.Header(WechatpayHeaders.Serial)), cancellationToken).ConfigureAwait(false);
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

    private (int Status, JsonNode Body, string? Code) Answer(HttpContext context, RawRequest request)
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
            return (e.Status, e.ToJson(), e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the exception's type is shown: its message might quote data the simulator was handling.
            var error = new ApiError(500, ErrorCodes.SystemError, $"The simulator failed ({e.GetType().Name}); this is a simulator bug");
            return (error.Status, error.ToJson(), error.Code);
        }
    }
}
