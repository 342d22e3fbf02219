namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// Everything that goes into a request's Authorization header, filled with correct values and handed to a test to
/// spoil one of them before signing.
/// </summary>
public sealed class SignatureParts
{
    public required string MchId { get; set; }

    public required string Serial { get; set; }

    public required string Timestamp { get; set; }

    public required string Nonce { get; set; }

    /// <summary>The method that goes into the signed message (not the one sent).</summary>
    public required string SignedMethod { get; set; }

    /// <summary>The request-target that goes into the signed message (not the one sent).</summary>
    public required string SignedTarget { get; set; }

    /// <summary>The body that goes into the signed message (not the one sent).</summary>
    public required byte[] SignedBody { get; set; }

    /// <summary>Applied to the Base64 signature after signing.</summary>
    public Func<string, string> AlterSignature { get; set; } = signature => signature;

    /// <summary>Builds the header value; parameters in the given order so tests can shuffle them.</summary>
    public Func<SignatureParts, string, string>? FormatHeader { get; set; }
}
