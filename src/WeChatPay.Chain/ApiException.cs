using System.Net;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain;

/// <summary>
/// WeChat Pay answered with a status outside 2xx. Carries WeChat Pay's <c>code</c>, <c>message</c> and <c>detail</c>
/// when the body is the documented JSON error, and the whole response (with <c>Request-ID</c>) in every case,
/// including HTML pages from a gateway and empty bodies.
/// </summary>
public class ApiException : WeChatPayException
{
    /// <summary>Creates the exception from the error response.</summary>
    public ApiException(WeChatPayResponse response) : this(response, ReadError(response)) { }

    /// <summary>Creates the exception for an error the response reports in its own form (APIv2's XML codes).</summary>
    /// <param name="response">The response.</param>
    /// <param name="code">The error code.</param>
    /// <param name="errorMessage">The error's text.</param>
    /// <param name="message">The whole message.</param>
    private protected ApiException(WeChatPayResponse response, string? code, string? errorMessage, string message) : base(message)
    {
        Response = response;
        Code = code;
        ErrorMessage = errorMessage;
    }

    private ApiException(WeChatPayResponse response, (string? Code, string? Message, JToken? Detail) error)
        : base(Describe(response, error.Code, error.Message))
    {
        Response = response;
        Code = error.Code;
        ErrorMessage = error.Message;
        Detail = error.Detail;
    }

    /// <summary>The error response as received.</summary>
    public WeChatPayResponse Response { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode => Response.StatusCode;

    /// <summary>WeChat Pay's error code, such as <c>PARAM_ERROR</c> or <c>SIGN_ERROR</c>; null when the body is not the JSON error.</summary>
    public string? Code { get; }

    /// <summary>WeChat Pay's human-readable <c>message</c>; null when the body is not the JSON error.</summary>
    public string? ErrorMessage { get; }

    /// <summary>WeChat Pay's free-form <c>detail</c> object; null when absent.</summary>
    public JToken? Detail { get; }

    /// <summary>The <c>Request-ID</c> header, to quote to WeChat Pay support.</summary>
    public string? RequestId => Response.RequestId;

    private static (string?, string?, JToken?) ReadError(WeChatPayResponse response)
    {
        try
        {
            if (response.Json is JObject o)
                return ((string?)(o["code"] as JValue), (string?)(o["message"] as JValue), o["detail"]);
        }
        catch (ResponseFormatException)
        {
            // HTML from a gateway or a truncated body: the status and the body excerpt still describe it.
        }
        return (null, null, null);
    }

    private static string Describe(WeChatPayResponse response, string? code, string? message)
    {
        var what = code is null
            ? $"{BodyExcerpt(response)}"
            : $"{code}: {message}";
        var id = response.RequestId is { } rid ? $" (Request-ID {rid})" : "";
        return $"{response.Method} {ShownTarget.Of(response.RequestTarget)} failed with HTTP {response.Status}: {what}{id}";
    }

    private static string BodyExcerpt(WeChatPayResponse response)
    {
        if (response.Body.Length == 0) return "empty body";
        var text = response.Text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? $"body \"{text}\"" : $"body \"{text[..200]}…\" ({response.Body.Length} bytes)";
    }
}
