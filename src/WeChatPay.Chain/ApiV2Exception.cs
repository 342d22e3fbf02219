namespace WeChatPay.Chain;

/// <summary>
/// An APIv2 answer reports a failure: <c>return_code</c> FAIL (the call itself was refused: a bad sign, a missing field,
/// the wrong certificate) or <c>result_code</c> FAIL (the business operation failed: <c>err_code</c> says why). A
/// micropay that waits for the payer's password is one of these, told apart by <see cref="IsUserPaying"/>, and is to be
/// polled with <c>pay/orderquery</c>, not repeated.
/// </summary>
public sealed class ApiV2Exception : ApiException
{
    internal ApiV2Exception(WeChatPayResponse response, IReadOnlyDictionary<string, string> fields)
        : base(response, Field(fields, "err_code") ?? Field(fields, "return_code"), Field(fields, "err_code_des") ?? Field(fields, "return_msg"), Describe(response, fields))
    {
        ReturnCode = Field(fields, "return_code");
        ReturnMessage = Field(fields, "return_msg");
        ResultCode = Field(fields, "result_code");
        ErrCode = Field(fields, "err_code");
        ErrCodeDescription = Field(fields, "err_code_des");
    }

    /// <summary><c>return_code</c>: <c>SUCCESS</c> or <c>FAIL</c>, whether the call was taken.</summary>
    public string? ReturnCode { get; }

    /// <summary><c>return_msg</c>: why the call was not taken.</summary>
    public string? ReturnMessage { get; }

    /// <summary><c>result_code</c>: <c>SUCCESS</c> or <c>FAIL</c>, whether the operation succeeded; null when the call was not taken.</summary>
    public string? ResultCode { get; }

    /// <summary><c>err_code</c>, such as <c>USERPAYING</c>, <c>ORDERPAID</c> or <c>SYSTEMERROR</c>.</summary>
    public string? ErrCode { get; }

    /// <summary><c>err_code_des</c>: the error's text.</summary>
    public string? ErrCodeDescription { get; }

    /// <summary>Whether a micropay waits for the payer to enter a password (<c>USERPAYING</c>): query the order until it ends.</summary>
    public bool IsUserPaying => ErrCode == "USERPAYING";

    /// <summary>Whether the answer says the call failed (<c>return_code</c> or <c>result_code</c> other than SUCCESS).</summary>
    internal static bool Reports(IReadOnlyDictionary<string, string> fields)
        => Field(fields, "return_code") is { } code && code != "SUCCESS" || Field(fields, "result_code") is { } result && result != "SUCCESS";

    private static string? Field(IReadOnlyDictionary<string, string> fields, string name) => fields.TryGetValue(name, out var value) ? value : null;

    private static string Describe(WeChatPayResponse response, IReadOnlyDictionary<string, string> fields)
    {
        var what = Field(fields, "return_code") != "SUCCESS"
            ? $"return_code {Field(fields, "return_code") ?? "(none)"}: {Field(fields, "return_msg") ?? "(no return_msg)"}"
            : $"result_code {Field(fields, "result_code")}, err_code {Field(fields, "err_code") ?? "(none)"}: {Field(fields, "err_code_des") ?? "(no err_code_des)"}";
        return $"{response.Method} {ShownTarget.Of(response.RequestTarget)} failed: {what}";
    }
}
