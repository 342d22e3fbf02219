namespace WeChatPay.Chain.Simulator;

/// <summary>What a <see cref="SimulatedFault"/> does to the request it catches.</summary>
public enum SimulatedFaultKind
{
    /// <summary>
    /// Answers with a status and a WeChat Pay error body (<c>{code, message}</c>; empty for 202), signed like every
    /// answer WeChat Pay itself sends, with <c>Retry-After</c> when the fault has one.
    /// </summary>
    Answer,

    /// <summary>Answers with an unsigned HTML error page, as a gateway in front of WeChat Pay does (nginx's 502 page).</summary>
    GatewayPage,

    /// <summary>Waits <see cref="SimulatedFault.Delay"/> on the simulator's clock, then answers as usual.</summary>
    Slow,

    /// <summary>Aborts the connection without sending a byte of the answer.</summary>
    DropConnection,

    /// <summary>
    /// Handles the request, then sends the real answer's headers (signature and full <c>Content-Length</c> included)
    /// and half its body, and aborts the connection: an answer lost on the way.
    /// </summary>
    CutBody,
}
