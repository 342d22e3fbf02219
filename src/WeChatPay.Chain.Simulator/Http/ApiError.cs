using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// A request the simulator refuses, carried up to the one place that writes the <c>{code, message, detail}</c> body,
/// so validation deep in a handler can stop the request without knowing about HTTP.
/// </summary>
internal sealed class ApiError : Exception
{
    public ApiError(int status, string code, string message, JsonObject? detail = null) : base(message)
    {
        Status = status;
        Code = code;
        Detail = detail;
    }

    public int Status { get; }

    public string Code { get; }

    public JsonObject? Detail { get; }

    /// <summary>A field that is missing or malformed; WeChat Pay names it in <c>detail.field</c> with where it was found.</summary>
    public static ApiError Param(string field, string issue, string location = "body")
        => new(400, ErrorCodes.ParamError, $"{field}: {issue}", new JsonObject { ["field"] = field, ["location"] = location, ["issue"] = issue });

    /// <summary>A well-formed request that conflicts with what the order is or was.</summary>
    public static ApiError Invalid(string message, string? field = null)
        => new(400, ErrorCodes.InvalidRequest, message, field is null ? null : new JsonObject { ["field"] = field, ["location"] = "body", ["issue"] = message });

    public static ApiError OrderNotFound(string message) => new(404, ErrorCodes.OrderNotExist, message);

    public JsonObject ToJson()
    {
        var body = new JsonObject { ["code"] = Code, ["message"] = Message };
        if (Detail is not null) body["detail"] = Detail.DeepClone();
        return body;
    }
}
