namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// An APIv2 request that does not succeed, in one of WeChat Pay's two ways. A <em>refusal</em> means the call was not
/// taken (unreadable XML, a bad sign, a missing field, no merchant certificate): <c>return_code</c> FAIL with
/// <c>return_msg</c>, unsigned. A <em>business failure</em> means the call was taken but the operation failed (the order
/// does not exist, is paid, waits for the payer): <c>return_code</c> SUCCESS, <c>result_code</c> FAIL with
/// <c>err_code</c> and <c>err_code_des</c>, signed like any taken call.
/// </summary>
internal sealed class ApiV2Failure : Exception
{
    private ApiV2Failure(bool isBusiness, string message, string? errCode, string? description)
        : base(message)
    {
        IsBusiness = isBusiness;
        ErrCode = errCode;
        ErrCodeDescription = description;
    }

    /// <summary>Whether the call was taken and the operation failed (<c>result_code</c> FAIL), rather than refused.</summary>
    public bool IsBusiness { get; }

    /// <summary><c>err_code</c>, such as <c>ORDERPAID</c>; on a refusal only where WeChat Pay gives one (<c>SIGNERROR</c>).</summary>
    public string? ErrCode { get; }

    /// <summary><c>err_code_des</c>; null when there is nothing to add to the message.</summary>
    public string? ErrCodeDescription { get; }

    /// <summary>The call is not taken: <c>return_code</c> FAIL, with <paramref name="returnMessage"/> as <c>return_msg</c>.</summary>
    public static ApiV2Failure Refused(string returnMessage, string? errCode = null, string? description = null)
        => new(false, returnMessage, errCode, description);

    /// <summary>A required field is absent or empty.</summary>
    public static ApiV2Failure Missing(string field) => Refused($"{field} is required (缺少参数 {field})");

    /// <summary>A field is present but unusable; <paramref name="problem"/> says how.</summary>
    public static ApiV2Failure Invalid(string field, string problem) => Refused($"invalid {field}: {field} {problem}");

    /// <summary>The call is taken and the operation fails: <c>result_code</c> FAIL with this <c>err_code</c>.</summary>
    public static ApiV2Failure Business(string errCode, string description) => new(true, description, errCode, description);
}
