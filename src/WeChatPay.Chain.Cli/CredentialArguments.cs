namespace WeChatPay.Chain.Cli;

/// <summary>The credential settings as the command line gave them; null (or empty) where a flag was not given.</summary>
internal sealed record CredentialArguments
{
    public string? Profile { get; init; }

    public string? MchId { get; init; }

    public string? Serial { get; init; }

    public string? PrivateKey { get; init; }

    public string[] Certs { get; init; } = [];

    public string? BaseUri { get; init; }

    /// <summary>The signature scheme: RSA, or 国密 (which reads a simulator profile's <c>sm2</c> credentials); null to follow the key.</summary>
    public SignatureScheme? Scheme { get; init; }
}
