using System.CommandLine;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>The flags that say which merchant to act as, shared by every command that calls the API.</summary>
internal sealed class CredentialFlags
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "A profile directory holding profile.json (as `wxpay sim` writes it)." };
    public Option<string?> MchId { get; } = new("--mchid") { Description = $"Merchant id [env {Credentials.MchIdVariable}]." };
    public Option<string?> Serial { get; } = new("--serial") { Description = $"Merchant API certificate serial [env {Credentials.SerialVariable}]." };
    public Option<string?> PrivateKey { get; } = new("--private-key") { Description = $"Path to apiclient_key.pem [env {Credentials.PrivateKeyVariable}]." };
    public Option<string[]> Certs { get; } = new("--cert") { Description = $"Platform key as SERIAL_OR_PUB_KEY_ID=path.pem; repeatable [env {Credentials.CertsVariable}, comma-separated]." };
    public Option<string?> BaseUri { get; } = new("--base-uri") { Description = $"API root, default https://api.mch.weixin.qq.com/ [env {Credentials.BaseUriVariable}]." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Profile, MchId, Serial, PrivateKey, Certs, BaseUri }) command.Options.Add(option);
    }

    public ClientOptions Read(ParseResult parse) => Credentials.Resolve(
        parse.GetValue(Profile), parse.GetValue(MchId), parse.GetValue(Serial), parse.GetValue(PrivateKey), parse.GetValue(Certs) ?? [], parse.GetValue(BaseUri));
}
