using System.Globalization;
using System.Text;

namespace WeChatPay.Chain;

/// <summary>
/// The record of one call to WeChat Pay, kept as it happens, like Flurl's <c>FlurlCall</c>: the request as sent, the
/// exact bytes its signature covers, the attempts, the response, whether the response was verified, and the timings.
/// Every response and every exception of a call carry it (<see cref="WeChatPayResponse.Call"/>,
/// <see cref="WeChatPayException.Call"/>), so what was signed and what came back can be read without a debugger. It
/// holds no key, and its <see cref="ToString"/> shows neither the signature nor the query string.
/// </summary>
public sealed class WeChatPayCall
{
    private ISignedMessageSource? _signedMessageSource;
    private byte[]? _signedMessage;
    private HttpRequestMessage? _message;
    private IReadOnlyDictionary<string, string>? _requestHeaders;
    private byte[]? _requestBody;
    private string? _requestText;

    internal WeChatPayCall(string method, DateTimeOffset started)
    {
        Method = method;
        Started = started;
    }

    /// <summary>The request method, upper case.</summary>
    public string Method { get; }

    /// <summary>The absolute URI of the request, exactly as it was sent; null when the call failed before it was made.</summary>
    public Uri? RequestUri { get; private set; }

    /// <summary>
    /// The path and query of the request as sent, which is what the signature covers; null before the request was made.
    /// Exception messages show the value of a <c>token</c> query parameter (a bill's download token) as <c>…</c>.
    /// </summary>
    public string? RequestTarget => RequestUri?.PathAndQuery;

    /// <summary>The request headers of the last attempt as sent, <c>Authorization</c> included; empty before the request was made.</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders => _requestHeaders ??= HeaderDictionary.Of(_message?.Headers, _message?.Content);

    /// <summary>The body bytes sent; empty when there is none.</summary>
    public byte[] RequestBody => _requestBody ??= _requestText is null ? [] : Encoding.UTF8.GetBytes(_requestText);

    /// <summary>The <c>Authorization</c> header of the last attempt; null when nothing was signed.</summary>
    public string? Authorization { get; private set; }

    /// <summary>
    /// The exact bytes the last attempt's signature covers, <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c> (for a media
    /// upload the body line is the meta JSON); empty when nothing was signed.
    /// </summary>
    public byte[] SignedMessage => _signedMessage ??= _signedMessageSource?.SignedMessage() ?? [];

    /// <summary>How many times the request was sent: more than one when a retry policy repeated it.</summary>
    public int Attempts { get; private set; }

    /// <summary>The final response; null when none was received.</summary>
    public WeChatPayResponse? Response { get; internal set; }

    /// <summary>What became of WeChat Pay's signature on the final response.</summary>
    public ResponseVerification Verification { get; internal set; }

    /// <summary>What ended the call when it did not succeed: the exception the caller received.</summary>
    public Exception? Exception { get; internal set; }

    /// <summary>When the call started.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>How long the call took, all attempts included; null while it runs.</summary>
    public TimeSpan? Duration { get; private set; }

    /// <summary>Whether the call ended with a response the caller received as a result.</summary>
    public bool Succeeded => Exception is null && Response is not null;

    /// <summary>
    /// One line for logs, e.g. <c>POST /v3/payscore/smartretail-orders -> HTTP 200, verified, 1 attempt, 35 ms (Request-ID …)</c>:
    /// the path without its query (which may carry a download token), and no signature.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder(Method).Append(' ').Append(RequestUri?.AbsolutePath ?? "(not sent)");
        if (Response is { } response) text.Append(" -> HTTP ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Describe(Verification));
        else if (Exception is { } e) text.Append(" -> ").Append(e.GetType().Name);
        text.Append(", ").Append(Attempts.ToString(CultureInfo.InvariantCulture)).Append(Attempts == 1 ? " attempt" : " attempts");
        if (Duration is { } duration) text.Append(", ").Append(((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append(" ms");
        if (Response?.RequestId is { } id) text.Append(" (Request-ID ").Append(id).Append(')');
        return text.ToString();
    }

    /// <summary>Records an attempt about to be sent: where, its body and how it was signed.</summary>
    internal void Attempt(Uri uri, byte[]? body, string? bodyText, string? authorization, ISignedMessageSource? signedMessage)
    {
        Attempts++;
        (_message, _requestHeaders, RequestUri, _requestBody, _requestText) = (null, null, uri, body, bodyText);
        (Authorization, _signedMessageSource, _signedMessage) = (authorization, signedMessage, null);
    }

    /// <summary>Records the message the attempt went out as, for <see cref="RequestHeaders"/>.</summary>
    internal void Sent(HttpRequestMessage? message) => (_message, _requestHeaders) = (message, null);

    /// <summary>Records that the call is over.</summary>
    internal void End(DateTimeOffset ended) => Duration = ended - Started;

    private static string Describe(ResponseVerification verification) => verification switch
    {
        ResponseVerification.Verified => "verified",
        ResponseVerification.Unsigned => "unsigned by design",
        ResponseVerification.Failed => "failed verification",
        _ => "not verified (not 2xx)",
    };
}
