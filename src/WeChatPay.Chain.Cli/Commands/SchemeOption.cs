using System.CommandLine;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary><c>--scheme rsa|sm2</c>: RSA or 国密 (SM2 with SM3), for every command that signs or simulates.</summary>
internal static class SchemeOption
{
    /// <summary>A <c>--scheme</c> option described for <paramref name="what"/>.</summary>
    public static Option<string?> Create(string what)
        => new("--scheme") { Description = $"rsa or sm2 (国密: SM2 with SM3, SM4-GCM): {what}" };

    /// <summary>The scheme the option names; null when it was not given.</summary>
    /// <exception cref="UsageException">The value is neither <c>rsa</c> nor <c>sm2</c>.</exception>
    public static SignatureScheme? Read(ParseResult parse, Option<string?> option) => Credentials.ParseScheme(parse.GetValue(option), "--scheme");
}
