namespace WeChatPay.Chain.Simulator.Http;

/// <summary>The error codes WeChat Pay APIv3 answers with, as listed in its common error table.</summary>
internal static class ErrorCodes
{
    public const string ParamError = "PARAM_ERROR";
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string SignError = "SIGN_ERROR";
    public const string NoAuth = "NO_AUTH";
    public const string OrderNotExist = "ORDER_NOT_EXIST";
    public const string ResourceNotExists = "RESOURCE_NOT_EXISTS";
    public const string SystemError = "SYSTEM_ERROR";
}
