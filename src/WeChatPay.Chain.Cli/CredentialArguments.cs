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
}
