using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>The codes in one sentence, as <c>--help</c> and the docs list them.</summary>
    public const string Summary = "Exit codes: 0 success, 1 API error (non-2xx), 2 response failed verification (bad signature, or a body that cannot be read or decrypted), " +
        "3 transport error or timeout, 64 usage error (including `sim` unable to start), 70 internal error (a bug in wxpay; WXPAY_DEBUG=1 prints its stack trace), 130 cancelled (Ctrl+C).";

    /// <summary>The call succeeded and its verified body was printed.</summary>
    public const int Success = 0;

    /// <summary>WeChat Pay (or, in <c>wxpay demo</c>, the simulated WeChat Pay) refused the request, or a demo check failed.</summary>
    public const int ApiError = 1;

    /// <summary>
    /// A 2xx response cannot be trusted: it failed signature verification, its encrypted content did not decrypt, or
    /// its body is not what the call expects (too large, malformed, a certificate that does not match its listing).
    /// </summary>
    public const int VerificationFailed = 2;

    /// <summary>No response: connection failure or timeout.</summary>
    public const int TransportError = 3;

    /// <summary>
    /// The command line, options, credentials or profile are unusable (sysexits' EX_USAGE); also <c>wxpay sim</c> when
    /// it cannot start: its port is in use or its profile directory cannot be written.
    /// </summary>
    public const int Usage = 64;

    /// <summary>A failure wxpay did not foresee: a bug to report (sysexits' EX_SOFTWARE).</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C, as shells report a command ended by SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;

    /// <summary>Maps a library exception to its exit code.</summary>
    public static int For(Exception e) => e switch
    {
        // The simulator's refusal of a user action carries the wire code WeChat Pay would answer with.
        ApiException or SimulatedOrderException => ApiError,
        ResponseVerificationException or DecryptionException or ResponseFormatException => VerificationFailed,
        TransportException => TransportError,
        ConfigurationException or RequestOptionsException => Usage,
        _ => InternalError,
    };
}
