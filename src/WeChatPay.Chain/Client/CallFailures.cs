using Flurl.Http;

namespace WeChatPay.Chain.Client;

/// <summary>
/// What the caller receives for what went wrong in a call: the library's own exceptions pass as they are, the caller's
/// cancellation stays cancellation, and what the transport or Flurl threw becomes a <see cref="TransportException"/> or
/// <see cref="ConfigurationException"/> with the method and path — Flurl's exceptions never escape.
/// </summary>
internal static class CallFailures
{
    /// <summary>The exception to throw for <paramref name="e"/>, thrown during a call with this deadline.</summary>
    public static Exception Translate(Exception e, WeChatPayCall call, CallDeadline deadline, bool synchronous)
        => Translate(e, call, deadline.CallerToken, deadline.Passed, synchronous);

    /// <summary>The exception to throw for <paramref name="e"/>, with the call's record attached to the library's own.</summary>
    /// <param name="e">What was thrown.</param>
    /// <param name="call">The record of the call.</param>
    /// <param name="callerToken">The caller's cancellation, which stays cancellation.</param>
    /// <param name="timedOut">Whether the call's time ran out.</param>
    /// <param name="synchronous">Whether the call ran synchronously, where a <see cref="NotSupportedException"/> means a transport without a synchronous <c>Send</c>.</param>
    public static Exception Translate(Exception e, WeChatPayCall call, CancellationToken callerToken, bool timedOut, bool synchronous)
    {
        timedOut |= e is FlurlHttpTimeoutException;
        if (e is FlurlHttpException flurl)
        {
            call.Sent(flurl.Call?.HttpRequestMessage);
            if (flurl.InnerException is { } inner) e = inner;
        }
        var what = $"{call.Method} {ShownTarget.Of(call.RequestTarget)}";
        var translated = e switch
        {
            WeChatPayException => e,
            OperationCanceledException when callerToken.IsCancellationRequested => e,
            OperationCanceledException or TimeoutException or FlurlHttpTimeoutException when timedOut || e is TimeoutException =>
                new TransportException($"{what} timed out; whether WeChat Pay acted on it is unknown — query before repeating it.", isTimeout: true, e),
            OperationCanceledException or FlurlHttpTimeoutException => new TransportException($"{what} was abandoned without a response.", isTimeout: false, e),
            HttpRequestException or IOException => new TransportException($"{what} failed without a response: {e.Message}", isTimeout: false, e),
            ObjectDisposedException => new TransportException($"{what} failed: the response was closed before it could be read ({e.Message}).", isTimeout: false, e),
            NotSupportedException when synchronous => new ConfigurationException($"{what} was not sent: the HttpMessageHandler given in ClientOptions cannot send synchronously ({e.Message}). Call the …Async methods, or give a handler that overrides Send.", e),
            NotSupportedException => new TransportException($"{what} failed: the transport does not support it ({e.Message}).", isTimeout: false, e),
            FlurlParsingException => new ResponseFormatException($"{what}: {e.Message}", e),
            FlurlHttpException => new TransportException($"{what} failed: {e.Message}", isTimeout: false, e),
            _ => e,
        };
        Attach(translated, call);
        return translated;
    }

    /// <summary>Records <paramref name="e"/> as how the call ended and, when it is the library's own, gives it the record.</summary>
    public static void Attach(Exception e, WeChatPayCall call)
    {
        if (e is WeChatPayException own) own.Call ??= call;
        call.Exception = e;
    }
}
