using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// Answers the APIv2 endpoints the simulator models, in place of the /v3 path (no <c>Authorization</c>, no injected
/// faults): the body is read as APIv2 XML, the merchant certificate checked where the endpoint needs it, the request
/// authenticated by its <c>sign</c>, and the endpoint's result sent as XML (or a bill file) with HTTP 200, success or
/// failure, as WeChat Pay answers.
/// </summary>
internal sealed class ApiV2Gateway
{
    private readonly Dictionary<string, Route> _routes;
    private readonly ApiV2Authenticator _authenticator;
    private readonly MerchantCertificateCheck _certificate;
    private readonly string _apiV2Key;

    public ApiV2Gateway(SimulatorProfile profile, ApiV2OrderStore orders, TimeProvider time)
    {
        _authenticator = new ApiV2Authenticator(profile);
        _certificate = new MerchantCertificateCheck(profile);
        _apiV2Key = profile.ApiV2Key;
        var micropay = new MicropayEndpoint(orders, time);
        var unified = new UnifiedOrderEndpoint(orders, time);
        var query = new OrderQueryEndpoint(orders, time);
        var close = new CloseOrderEndpoint(orders);
        var refund = new RefundEndpoint(orders, time);
        var refundQuery = new RefundQueryEndpoint(orders);
        var billRows = new ApiV2BillRows(orders);
        var bill = new DownloadBillEndpoint(billRows, time, profile.MchId);
        var fundFlow = new DownloadFundFlowEndpoint(billRows, time);
        _routes = new Dictionary<string, Route>(StringComparer.Ordinal)
        {
            ["/pay/micropay"] = new(micropay.Handle),
            ["/pay/unifiedorder"] = new(unified.Handle),
            ["/pay/orderquery"] = new(query.Handle),
            ["/pay/closeorder"] = new(close.Handle),
            ["/secapi/pay/refund"] = new(refund.Handle, NeedsMerchantCertificate: true),
            ["/pay/refundquery"] = new(refundQuery.Handle),
            ["/pay/downloadbill"] = new(bill.Handle),
            ["/pay/downloadfundflow"] = new(fundFlow.Handle, NeedsMerchantCertificate: true),
        };
    }

    /// <summary>Whether <paramref name="path"/> is one of the modelled APIv2 endpoints.</summary>
    public bool Handles(PathString path) => path.Value is { } value && _routes.ContainsKey(value);

    public async Task<SimulatorExchange> AnswerAsync(HttpContext context, RawRequest request, string requestId, CancellationToken cancellationToken)
    {
        var answer = Answer(context, request, _routes[context.Request.Path.Value!]);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
        return new SimulatorExchange(request.Method, request.RawTarget, 200, answer.ErrorCode, requestId)
        {
            BodySha256 = request.Body.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(request.Body)),
        };
    }

    private ApiV2Answer Answer(HttpContext context, RawRequest request, Route route)
    {
        VerifiedRequest? verified = null;
        try
        {
            if (!HttpMethods.IsPost(request.Method)) throw ApiV2Failure.Refused("请使用post方法: APIv2 requests are POSTs of XML", "REQUIRE_POST_METHOD");
            var fields = Read(request.Body);
            if (route.NeedsMerchantCertificate) _certificate.Check(context);
            verified = _authenticator.Authenticate(fields);
            var result = route.Handle(verified);
            return result.File is { } file
                ? ApiV2Answer.File(file, result.ContentType!)
                : ApiV2Answer.Succeeded(verified, result.Fields, _apiV2Key);
        }
        catch (ApiV2Failure failure) when (failure.IsBusiness && verified is not null)
        {
            return ApiV2Answer.Failed(verified, failure, _apiV2Key);
        }
        catch (ApiV2Failure failure)
        {
            return ApiV2Answer.Refusal(failure);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only the type is shown: the message of an unexpected exception might quote what the simulator was handling.
            return ApiV2Answer.Refusal(ApiV2Failure.Refused($"系统错误: the simulator failed ({e.GetType().Name}); this is a simulator bug", "SYSTEMERROR"));
        }
    }

    /// <exception cref="ApiV2Failure">Refused: the body is not an APIv2 XML document.</exception>
    private static ApiV2Fields Read(byte[] body)
    {
        try
        {
            return ApiV2Xml.Read(body, "The request body");
        }
        catch (ResponseFormatException e)
        {
            throw ApiV2Failure.Refused($"XML格式错误: {e.Message}", "XML_FORMAT_ERROR");
        }
    }

    private sealed record Route(Func<VerifiedRequest, ApiV2Result> Handle, bool NeedsMerchantCertificate = false);
}
