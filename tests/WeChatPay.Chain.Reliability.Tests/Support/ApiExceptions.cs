namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>Reads of <see cref="ApiException"/> for assertions.</summary>
internal static class ApiExceptions
{
    public static int Status(this ApiException exception) => (int)exception.StatusCode;
}
