using WeChatPay.Chain.Crypto;
namespace WeChatPay.Chain.Simulator;

/// <summary>One request the simulator answered, for a transcript: what was asked and how it went. No headers, no bodies.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The request-target as received.</param>
/// <param name="Status">The HTTP status answered; 0 when an injected fault dropped the connection without answering.</param>
/// <param name="ErrorCode">The WeChat Pay error code answered (<c>SIGN_ERROR</c> …); null on success.</param>
/// <param name="RequestId">The <c>Request-ID</c> header of the answer.</param>
public sealed record SimulatorExchange(string Method, string Target, int Status, string? ErrorCode, string RequestId)
{
    /// <summary>
    /// The <c>nonce_str</c> of the request's <c>Authorization</c> header when its signature checked out; null otherwise.
    /// A client that signs each attempt afresh never repeats one.
    /// </summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>timestamp</c> of the request's <c>Authorization</c> header when its signature checked out; null otherwise.</summary>
    public string? Timestamp { get; init; }

    /// <summary>
    /// The SHA-256 of the request body as received, in lower-case hex; null for an empty body. Shows that repeated
    /// attempts carried the same bytes without keeping the bodies.
    /// </summary>
    public string? BodySha256 { get; init; }

    /// <summary>The injected fault this request took (see <see cref="SimulatorServer.InjectFault"/>); null when none.</summary>
    public SimulatedFaultKind? Fault { get; init; }
}
