using System.CommandLine;
using System.Globalization;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// The flags that say which merchant to act as and how long to wait, shared by every command that calls the API.
/// Each credential comes from its flag, else from <c>--profile</c>, else from its environment variable.
/// </summary>
internal sealed class CredentialFlags(Func<string, string?> environment)
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "A profile directory holding profile.json (as `wxpay sim` writes it); its values yield to flags and win over environment variables." };
    public Option<string?> MchId { get; } = new("--mchid") { Description = $"Merchant id [else profile.json, else env {Credentials.MchIdVariable}]." };
    public Option<string?> Serial { get; } = new("--serial") { Description = $"Merchant API certificate serial [else profile.json, else env {Credentials.SerialVariable}]." };
    public Option<string?> PrivateKey { get; } = new("--private-key") { Description = $"Path to apiclient_key.pem [else profile.json, else env {Credentials.PrivateKeyVariable}]." };
    public Option<string[]> Certs { get; } = new("--cert") { Description = $"Platform key as SERIAL_OR_PUB_KEY_ID=path.pem; repeatable [else profile.json's certs, else env {Credentials.CertsVariable}, comma-separated]." };
    public Option<string?> BaseUri { get; } = new("--base-uri") { Description = $"API root, default https://api.mch.weixin.qq.com/ [else profile.json, else env {Credentials.BaseUriVariable}]." };
    public Option<string?> Scheme { get; } = SchemeOption.Create($"sign in this scheme; sm2 takes a simulator profile's sm2 credentials [else env {Credentials.SchemeVariable}; without either, the private key decides].");
    public Option<string?> Timeout { get; } = new("--timeout") { Description = "Seconds one call may take, retries included, before it fails with exit code 3; default 30." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Profile, MchId, Serial, PrivateKey, Certs, BaseUri, Scheme, Timeout }) command.Options.Add(option);
    }

    /// <exception cref="UsageException"><c>--timeout</c> is not a positive number of seconds.</exception>
    public ClientOptions Read(ParseResult parse)
    {
        var options = Credentials.Resolve(new CredentialArguments
        {
            Profile = parse.GetValue(Profile),
            MchId = parse.GetValue(MchId),
            Serial = parse.GetValue(Serial),
            PrivateKey = parse.GetValue(PrivateKey),
            Certs = parse.GetValue(Certs) ?? [],
            BaseUri = parse.GetValue(BaseUri),
            Scheme = SchemeOption.Read(parse, Scheme),
        }, environment);
        if (parse.GetValue(Timeout) is { } text) options.Timeout = Seconds(text);
        RequireMerchant(options);
        return options;
    }

    /// <summary>A call needs at least a merchant id and a private key; say where each can come from when one is missing.</summary>
    /// <exception cref="UsageException">The merchant id or the private key came from nowhere.</exception>
    private static void RequireMerchant(ClientOptions options)
    {
        var missing = new List<string>();
        if (string.IsNullOrEmpty(options.MchId)) missing.Add($"the merchant id (--mchid, or {Credentials.MchIdVariable})");
        if (string.IsNullOrEmpty(options.Serial)) missing.Add($"the certificate serial (--serial, or {Credentials.SerialVariable})");
        if (options.PrivateKey is null) missing.Add($"the private key (--private-key, or {Credentials.PrivateKeyVariable})");
        if (missing.Count > 0)
            throw new UsageException($"No merchant to act as: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not given. " +
                $"Pass --profile DIR (a profile.json, as `wxpay sim --profile DIR` writes one), or the flags, or the {Credentials.MchIdVariable}, {Credentials.SerialVariable}, {Credentials.PrivateKeyVariable} and {Credentials.CertsVariable} environment variables.");
    }

    private static TimeSpan Seconds(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0.001 && seconds <= int.MaxValue / 1000
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--timeout takes a number of seconds from 0.001, such as 10 or 0.5; got '{text}'.");
}
