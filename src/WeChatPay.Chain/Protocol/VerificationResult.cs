namespace WeChatPay.Chain.Protocol;

/// <summary>
/// The outcome of checking a signed message, as the library passes it between its own steps: a failure is a value
/// here, and becomes a <see cref="ResponseVerificationException"/> only when it reaches the caller.
/// </summary>
internal readonly struct VerificationResult
{
    private VerificationResult(VerificationFailure reason, string message)
    {
        Failure = reason;
        Message = message;
    }

    /// <summary>The message checked out.</summary>
    public static VerificationResult Valid => default;

    /// <summary>Which check failed; null when none did.</summary>
    public VerificationFailure? Failure { get; }

    /// <summary>What failed and how to fix it; null when nothing did.</summary>
    public string? Message { get; }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure is null;

    /// <summary>A failed check.</summary>
    public static VerificationResult Failed(VerificationFailure reason, string message) => new(reason, message);

    /// <summary>The exception for the caller; only for a failed result.</summary>
    public ResponseVerificationException ToException() => new(Failure!.Value, Message!);
}
