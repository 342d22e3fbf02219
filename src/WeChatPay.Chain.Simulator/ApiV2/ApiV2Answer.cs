using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// The bytes an APIv2 endpoint answers with, always HTTP 200 as WeChat Pay answers: a refusal (<c>return_code</c> FAIL,
/// unsigned), a taken call (<c>return_code</c> SUCCESS, <c>appid</c>, <c>mch_id</c>, a fresh <c>nonce_str</c>,
/// <c>result_code</c>, its fields, and <c>sign</c> of the request's sign type), or a file.
/// </summary>
/// <param name="Body">What is sent.</param>
/// <param name="ContentType">Its <c>Content-Type</c>.</param>
/// <param name="ErrorCode">For the transcript: <c>err_code</c>, or <c>FAIL</c> for a refusal without one; null on success.</param>
internal sealed record ApiV2Answer(byte[] Body, string ContentType, string? ErrorCode)
{
    public const string XmlContentType = "text/xml; charset=utf-8";

    private const string Success = "SUCCESS";
    private const string Fail = "FAIL";

    /// <summary>The call is refused: no envelope, no sign.</summary>
    public static ApiV2Answer Refusal(ApiV2Failure failure)
    {
        List<KeyValuePair<string, string>> fields = [new("return_code", Fail), new("return_msg", failure.Message)];
        if (failure.ErrCode is { } code) fields.Add(new("err_code", code));
        if (failure.ErrCodeDescription is { } description) fields.Add(new("err_code_des", description));
        return Xml(fields, failure.ErrCode ?? Fail);
    }

    /// <summary>The call is taken and succeeds.</summary>
    public static ApiV2Answer Succeeded(VerifiedRequest request, IEnumerable<KeyValuePair<string, string>> business, string apiV2Key)
        => Signed([.. Envelope(request, Success), .. business], request.SignType, apiV2Key, null);

    /// <summary>The call is taken and the operation fails.</summary>
    public static ApiV2Answer Failed(VerifiedRequest request, ApiV2Failure failure, string apiV2Key)
        => Signed([.. Envelope(request, Fail), new("err_code", failure.ErrCode!), new("err_code_des", failure.ErrCodeDescription ?? failure.Message)],
            request.SignType, apiV2Key, failure.ErrCode);

    public static ApiV2Answer File(byte[] file, string contentType) => new(file, contentType, null);

    private static IEnumerable<KeyValuePair<string, string>> Envelope(VerifiedRequest request, string resultCode) =>
    [
        new("return_code", Success),
        new("return_msg", "OK"),
        new("appid", request.AppId),
        new("mch_id", request.MchId),
        new("nonce_str", Nonce.Create()),
        new("result_code", resultCode),
    ];

    private static ApiV2Answer Signed(List<KeyValuePair<string, string>> fields, ApiV2SignType type, string apiV2Key, string? errorCode)
    {
        fields.Add(new("sign", ApiV2Signature.Sign(fields, apiV2Key, type)));
        return Xml(fields, errorCode);
    }

    private static ApiV2Answer Xml(IEnumerable<KeyValuePair<string, string>> fields, string? errorCode)
        => new(System.Text.Encoding.UTF8.GetBytes(ApiV2Xml.Write(fields)), XmlContentType, errorCode);
}
