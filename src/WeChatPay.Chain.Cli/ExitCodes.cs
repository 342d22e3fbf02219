namespace WeChatPay.Chain.Cli;

/// <summary>The exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>The call succeeded and its verified body was printed.</summary>
    public const int Success = 0;

    /// <summary>WeChat Pay answered with a status outside 2xx.</summary>
    public const int ApiError = 1;

    /// <summary>
    /// A response failed signature verification, its encrypted content did not decrypt, or it cannot be used: not
    /// of the documented form (e.g. a malformed <c>/v3/certificates</c> answer) or larger than the size limit.
    /// </summary>
    public const int VerificationFailed = 2;

    /// <summary>No response: connection failure or timeout.</summary>
    public const int TransportError = 3;

    /// <summary>
    /// The command line, options or credentials are unusable (sysexits' EX_USAGE); also <c>wxpay sim</c> when it cannot
    /// start: its port is in use or its profile directory cannot be written.
    /// </summary>
    public const int Usage = 64;

    /// <summary>Stopped by Ctrl+C or SIGTERM before the command finished (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Maps a library exception to its exit code.</summary>
    public static int For(Exception e) => e switch
    {
        ApiException => ApiError,
        ResponseVerificationException or DecryptionException or ResponseFormatException => VerificationFailed,
        TransportException => TransportError,
        _ => Usage,
    };
}
