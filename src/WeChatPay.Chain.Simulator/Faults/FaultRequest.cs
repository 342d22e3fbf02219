using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Faults;

/// <summary>
/// The body of <c>POST /simulator/faults</c>: <c>{"kind": "answer"|"gateway"|"slow"|"drop"|"cut", "status", "code",
/// "message", "retry_after_seconds", "delay_ms", "path_prefix", "after_handling", "times"}</c>. Only <c>kind</c> is
/// required; an <c>answer</c> needs <c>status</c> and, unless it is 202, <c>code</c>.
/// </summary>
internal static class FaultRequest
{
    private const int MaxTimes = 100_000;
    private const long MaxDelayMilliseconds = 600_000;

    /// <exception cref="ApiError">400 PARAM_ERROR naming the field.</exception>
    public static (SimulatedFault Fault, int Times) Parse(byte[] body)
    {
        var fields = JsonFields.ParseBody(body);
        var kind = fields.RequiredString("kind", 16);
        var status = (int?)fields.OptionalInteger("status", 200, 599, "must be an HTTP status from 200 to 599");
        var fault = kind switch
        {
            "answer" when status == 202 => SimulatedFault.Accepted(),
            "answer" => SimulatedFault.Answer(
                status ?? throw ApiError.Param("status", "is required for an answer"),
                fields.RequiredString("code", 64),
                fields.OptionalString("message", 256) ?? fields.RequiredString("code", 64)),
            "gateway" when status is < 400 => throw ApiError.Param("status", "a gateway page has a 4xx or 5xx status"),
            "gateway" => SimulatedFault.GatewayPage(status ?? 502),
            "slow" => SimulatedFault.Slow(TimeSpan.FromMilliseconds(
                fields.OptionalInteger("delay_ms", 0, MaxDelayMilliseconds, $"must be 0 to {MaxDelayMilliseconds} milliseconds") ?? throw ApiError.Param("delay_ms", "is required for a slow answer"))),
            "drop" => SimulatedFault.DropConnection(),
            "cut" => SimulatedFault.CutBody(),
            _ => throw ApiError.Param("kind", "must be answer, gateway, slow, drop or cut"),
        };
        if (fields.OptionalInteger("retry_after_seconds", 0, 3600, "must be 0 to 3600 seconds") is { } retryAfter)
            fault = fault with { RetryAfter = TimeSpan.FromSeconds(retryAfter) };
        if (fields.OptionalString("path_prefix", 256) is { } prefix)
            fault = fault with { PathPrefix = prefix.StartsWith('/') ? prefix : throw ApiError.Param("path_prefix", "must start with /") };
        if (fields.OptionalBoolean("after_handling") is { } after)
            fault = fault with { AfterHandling = after || fault.Kind == SimulatedFaultKind.CutBody };
        var times = (int)(fields.OptionalInteger("times", 1, MaxTimes, $"must be 1 to {MaxTimes}") ?? 1);
        return (fault, times);
    }

    /// <summary>What <c>/simulator/faults</c> answers: how many requests the waiting faults will still take, and how many took one.</summary>
    public static JsonObject Summary(FaultInjector faults) => new() { ["pending"] = faults.Pending, ["injected"] = faults.Injected };
}
