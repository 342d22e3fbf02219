namespace WeChatPay.Chain.Simulator;

/// <summary>
/// A failure the simulator plays on purpose, for testing how a client copes with what WeChat Pay and the network do now
/// and then: 5xx and 429 answers, 202 "repeat the request", gateway pages, slow answers, dropped connections. Give it to
/// <see cref="SimulatorServer.InjectFault"/> (or <c>POST /simulator/faults</c>); each of the next matching <c>/v3</c>
/// requests whose signature checks out takes one.
/// </summary>
/// <remarks>
/// Faults catch only requests that passed authentication, so a client's retries are still checked, signature and
/// timestamp, one by one; a request that fails authentication gets its 401 and leaves the fault for the next one.
/// </remarks>
public sealed record SimulatedFault
{
    private SimulatedFault(SimulatedFaultKind kind, int status, string? code, string? message)
    {
        Kind = kind;
        Status = status;
        Code = code;
        Message = message;
    }

    /// <summary>What the fault does.</summary>
    public SimulatedFaultKind Kind { get; }

    /// <summary>The status answered by <see cref="SimulatedFaultKind.Answer"/> and <see cref="SimulatedFaultKind.GatewayPage"/>; 0 otherwise.</summary>
    public int Status { get; }

    /// <summary>The WeChat Pay error code of an <see cref="SimulatedFaultKind.Answer"/>, such as <c>SYSTEM_ERROR</c>; null for 202.</summary>
    public string? Code { get; }

    /// <summary>The error message of an <see cref="SimulatedFaultKind.Answer"/>; null for 202.</summary>
    public string? Message { get; }

    /// <summary>How long a <see cref="SimulatedFaultKind.Slow"/> fault waits before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Sent as <c>Retry-After</c> (whole seconds) with an <see cref="SimulatedFaultKind.Answer"/>; none when null.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Only requests whose raw path starts with this (e.g. <c>/v3/payscore/smartretail-orders</c>) take the fault;
    /// every <c>/v3</c> request when null.
    /// </summary>
    public string? PathPrefix { get; init; }

    /// <summary>
    /// Run the request's handler first, so that it takes effect (an order is created, cancelled…), and only then play
    /// the fault instead of its answer: WeChat Pay acted, but the client cannot know. <see cref="SimulatedFaultKind.CutBody"/>
    /// always does; the other kinds by default play before the handler runs, so nothing happens.
    /// </summary>
    public bool AfterHandling { get; init; }

    /// <summary>500 SYSTEM_ERROR, signed: WeChat Pay's "try again later".</summary>
    public static SimulatedFault SystemError() => Answer(500, "SYSTEM_ERROR", "系统错误，请稍后重试");

    /// <summary>503 SERVICE_UNAVAILABLE, signed.</summary>
    public static SimulatedFault ServiceUnavailable() => Answer(503, "SERVICE_UNAVAILABLE", "服务不可用，请稍后重试");

    /// <summary>429 RATELIMIT_EXCEEDED, signed, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    public static SimulatedFault RateLimited(TimeSpan? retryAfter = null)
        => Answer(429, "RATELIMIT_EXCEEDED", "请求超过频率限制") with { RetryAfter = retryAfter };

    /// <summary>202 with a signed empty body: WeChat Pay accepted the request but asks for it again with the same parameters.</summary>
    public static SimulatedFault Accepted() => new(SimulatedFaultKind.Answer, 202, null, null);

    /// <summary>Any status with a signed <c>{code, message}</c> body.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not 200–599.</exception>
    /// <exception cref="ArgumentException">The code is empty.</exception>
    public static SimulatedFault Answer(int status, string code, string message)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        return new SimulatedFault(SimulatedFaultKind.Answer, status, code, message);
    }

    /// <summary>An unsigned HTML page with this status (502 unless given), as a gateway sends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The status is not 400–599.</exception>
    public static SimulatedFault GatewayPage(int status = 502)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        return new SimulatedFault(SimulatedFaultKind.GatewayPage, status, null, null);
    }

    /// <summary>Waits <paramref name="delay"/> on the simulator's clock, then answers as usual.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is negative.</exception>
    public static SimulatedFault Slow(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new SimulatedFault(SimulatedFaultKind.Slow, 0, null, null) { Delay = delay };
    }

    /// <summary>Aborts the connection without answering.</summary>
    public static SimulatedFault DropConnection() => new(SimulatedFaultKind.DropConnection, 0, null, null);

    /// <summary>Sends the real answer's headers and half its body, then aborts the connection.</summary>
    public static SimulatedFault CutBody() => new(SimulatedFaultKind.CutBody, 0, null, null) { AfterHandling = true };

    /// <summary>Whether a request with this raw path takes the fault.</summary>
    internal bool Catches(string rawPath) => PathPrefix is null || rawPath.StartsWith(PathPrefix, StringComparison.Ordinal);
}
