using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Simulator.ApiV2;
using WeChatPay.Chain.Simulator.Bills;
using WeChatPay.Chain.Simulator.Certificates;
using WeChatPay.Chain.Simulator.Control;
using WeChatPay.Chain.Simulator.Faults;
using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.ProfitSharing;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// The one request handler behind Kestrel. Every response gets a <c>Request-ID</c>. Requests under <c>/simulator/</c>
/// go to the unsigned control endpoints; the modelled APIv2 paths go to <see cref="ApiV2Gateway"/>, which checks
/// their <c>sign</c> field instead of an <c>Authorization</c> header; everything else is answered like WeChat Pay
/// APIv3: the request's signature is checked first (for <c>/v3</c>), then an injected fault may take the request (see
/// <see cref="SimulatedFault"/>), then it is routed, and whatever comes back, success or error, is signed, except the
/// bill files and complaint images WeChat Pay sends unsigned and the statements it signs over their digest.
/// </summary>
internal sealed class SimulatorPipeline
{
    private readonly RequestAuthenticator _authenticator;
    private readonly ResponseSigner _signer;
    private readonly SignedResponseWriter _writer;
    private readonly RouteTable _v3;
    private readonly ControlEndpoints _control;
    private readonly ApiV2Gateway _apiV2;
    private readonly FaultInjector _faults;
    private readonly FaultPlayer _faultPlayer;
    private readonly Action<SimulatorExchange> _onExchange;

    public SimulatorPipeline(SimulatorProfile profile, SimulatorSettings settings, SimulatorState state, ControlOperations operations, FaultInjector faults, Action<SimulatorExchange> onExchange)
    {
        var time = settings.TimeProvider;
        _authenticator = new RequestAuthenticator(profile, time, settings.Scheme);
        _signer = new ResponseSigner(profile, time, settings.PublicKeyMode);
        _writer = new SignedResponseWriter(_signer);
        _control = new ControlEndpoints(operations, state, faults);
        _apiV2 = new ApiV2Gateway(profile, state.ApiV2Orders, time);
        _faults = faults;
        _faultPlayer = new FaultPlayer(_signer, _writer, time);
        _onExchange = onExchange;

        var orders = new SmartRetailOrderEndpoints(state.Orders, profile.MchId);
        var certificates = new CertificatesEndpoint(profile, settings.PublicKeyMode);
        var receivers = new ProfitSharingReceiverEndpoints(state.Receivers, new SensitiveFields(profile));
        var media = new MediaUploadEndpoints(state.Media);
        var paid = new PaidOrderRows(state.Orders);
        var bills = new BillEndpoints(paid, new PreparedBills(time), time, profile.MchId, settings.SyntheticBillRows);
        var statements = new StatementEndpoint(paid, time);
        const string SmartRetail = "/v3/payscore/smartretail-orders";
        _v3 = new RouteTable()
            .Add("GET", "/v3/certificates", (request, _) => Reply.Of(certificates.Get(request)))
            .Add("POST", SmartRetail, (request, _) => Reply.Of(orders.Create(request)))
            .Add("GET", SmartRetail, (request, _) => Reply.Of(orders.Query(request)))
            .Add("POST", SmartRetail + "/{out_order_no}/cancel", (request, values) => Reply.Of(orders.Cancel(request, values["out_order_no"])))
            .Add("POST", SmartRetail + "/{out_order_no}/complete", (request, values) => Reply.Of(orders.Complete(request, values["out_order_no"])))
            .Add("POST", "/v3/profitsharing/receivers/add", (request, _) => Reply.Of(receivers.Add(request)))
            .Add("POST", "/v3/profitsharing/receivers/delete", (request, _) => Reply.Of(receivers.Delete(request)))
            .Add("GET", "/v3/bill/tradebill", (request, _) => Reply.Of(bills.TradeBill(request)))
            .Add("GET", "/v3/bill/fundflowbill", (request, _) => Reply.Of(bills.FundFlowBill(request)))
            .Add("GET", "/v3/billdownload/file", (request, _) => bills.Download(request))
            .Add("GET", "/v3/statements", (request, _) => statements.Get(request))
            .Add("GET", "/v3/global/statements", (request, _) => statements.Get(request))
            .Add("GET", ComplaintImages.PathPrefix + "{media_id}", (_, values) => state.ComplaintImages.Download(values["media_id"]))
            .Add("POST", "/v3/pay/transactions/jsapi", (request, _) => Reply.Of(state.JsapiTransactions.Place(request)))
            .Add("GET", "/v3/pay/transactions/out-trade-no/{out_trade_no}", (request, values) => Reply.Of(state.JsapiTransactions.Query(request, values["out_trade_no"])));
        foreach (var rule in MediaUploadRule.All) _v3.Add("POST", rule.Path, (request, _) => Reply.Of(media.Upload(request, rule)));
    }

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var requestId = RequestIds.Create();
        context.Response.Headers[WeChatPayHeaders.RequestId] = requestId;
        var request = await RawRequest.ReadAsync(context, cancellationToken).ConfigureAwait(false);

        SimulatorExchange exchange;
        if (context.Request.Path.StartsWithSegments("/simulator", StringComparison.Ordinal))
        {
            var (status, code) = await _control.HandleAsync(context, request, cancellationToken).ConfigureAwait(false);
            exchange = new SimulatorExchange(request.Method, request.RawTarget, status, code, requestId);
        }
        else if (_apiV2.Handles(context.Request.Path))
        {
            exchange = await _apiV2.AnswerAsync(context, request, requestId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            exchange = await AnswerAsync(context, request, requestId, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            _onExchange(exchange);
        }
        catch (Exception)
        {
            // A transcript observer's failure must not turn into a failed request.
        }
    }

    /// <summary>
    /// Answers an API request: authenticate; take an injected fault, if one waits for this path; run the handler unless
    /// the fault replaces it; and send the answer, signed, or the fault in its place.
    /// </summary>
    private async Task<SimulatorExchange> AnswerAsync(HttpContext context, RawRequest request, string requestId, CancellationToken cancellationToken)
    {
        var key = _signer.KeyFor(request);
        AuthorizationHeader? signedBy = null;
        SimulatedFault? fault = null;
        int status;
        Reply reply;
        string? code;
        try
        {
            if (!context.Request.Path.StartsWithSegments("/v3", StringComparison.Ordinal))
                throw new ApiError(404, ErrorCodes.ResourceNotExists, $"The simulator has no API at {request.RawPath}; APIv3 paths start with /v3/");
            signedBy = _authenticator.Authenticate(request);
            fault = _faults.Take(request.RawPath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            (status, reply, code) = Refusal(e);
            await WriteAsync(context, status, reply, key, cancellationToken).ConfigureAwait(false);
            return Exchange(status, code);
        }

        var afterHandling = fault is { AfterHandling: true } or { Kind: SimulatedFaultKind.CutBody };
        if (fault is not null && !afterHandling)
        {
            if (fault.Kind == SimulatedFaultKind.Slow) await _faultPlayer.WaitAsync(fault, cancellationToken).ConfigureAwait(false);
            else return Exchange(await _faultPlayer.ReplaceAsync(context, fault, key, cancellationToken).ConfigureAwait(false), fault.Code);
        }

        (status, reply, code) = Dispatch(request);

        if (fault is not null && afterHandling)
        {
            switch (fault.Kind)
            {
                case SimulatedFaultKind.Slow:
                    await _faultPlayer.WaitAsync(fault, cancellationToken).ConfigureAwait(false);
                    break;
                case SimulatedFaultKind.CutBody:
                    await _faultPlayer.CutAsync(context, status, reply, key, cancellationToken).ConfigureAwait(false);
                    return Exchange(status, code);
                default:
                    return Exchange(await _faultPlayer.ReplaceAsync(context, fault, key, cancellationToken).ConfigureAwait(false), fault.Code);
            }
        }
        await WriteAsync(context, status, reply, key, cancellationToken).ConfigureAwait(false);
        return Exchange(status, code);

        SimulatorExchange Exchange(int answered, string? answeredCode) => new(request.Method, request.RawTarget, answered, answeredCode, requestId)
        {
            Nonce = signedBy?.Nonce,
            Timestamp = signedBy?.Timestamp,
            BodySha256 = request.Body.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(request.Body)),
            Fault = fault?.Kind,
        };
    }

    private Task WriteAsync(HttpContext context, int status, Reply reply, PlatformKey key, CancellationToken cancellationToken)
        => reply switch
        {
            { File: { } file, SignedOverDigest: true } => _writer.WriteStatementAsync(context, file, reply.ContentType!, key, cancellationToken),
            { File: { } file } => SignedResponseWriter.WriteUnsignedAsync(context, file, reply.ContentType!, cancellationToken),
            _ => _writer.WriteAsync(context, status, reply.Json, key, cancellationToken),
        };

    private (int Status, Reply Reply, string? Code) Dispatch(RawRequest request)
    {
        try
        {
            return (200, _v3.Dispatch(request), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Refusal(e);
        }
    }

    private static (int Status, Reply Reply, string? Code) Refusal(Exception exception)
    {
        // Only an unexpected exception's type is shown: its message might quote data the simulator was handling.
        var error = exception as ApiError ?? new ApiError(500, ErrorCodes.SystemError, $"The simulator failed ({exception.GetType().Name}); this is a simulator bug");
        return (error.Status, Reply.Of(error.ToJson()), error.Code);
    }
}
