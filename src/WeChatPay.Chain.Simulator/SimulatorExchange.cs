namespace WeChatPay.Chain.Simulator;

/// <summary>One request the simulator answered, for a transcript: what was asked and how it went. No headers, no bodies.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request-target as received.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="ErrorCode">The WeChat Pay error code answered (<c>SIGN_ERROR</c> …); null on success.</param>
/// <param name="RequestId">The <c>Request-ID</c> header of the answer.</param>
public sealed record SimulatorExchange(string Method, string Target, int Status, string? ErrorCode, string RequestId);
