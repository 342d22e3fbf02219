using System.CommandLine;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// <c>wxpay certificates</c>: downloads the platform certificates, decrypts them with the APIv3 key, verifies the
/// response, and writes <c>wechatpay_SERIAL.pem</c> files.
/// </summary>
internal static class CertificatesCommand
{
    public static Command Create(TextWriter stdout, Func<string, string?> environment)
    {
        var output = new Option<string>("--out") { Description = "Directory to write wechatpay_SERIAL.pem files to.", DefaultValueFactory = _ => "." };
        var apiV3Key = new Option<string?>("--apiv3-key") { Description = $"The APIv3 key that decrypts the certificates [else apiV3Key in profile.json, else env {Credentials.ApiV3KeyVariable}]." };
        var credentials = new CredentialFlags(environment);
        var command = new Command("certificates", $"Download, decrypt and verify WeChat Pay's platform certificates and save them as PEM files. {Credentials.Precedence}");
        command.Options.Add(output);
        command.Options.Add(apiV3Key);
        credentials.AddTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = credentials.Read(parse);
            if (parse.GetValue(apiV3Key) is { } key) options.ApiV3Key = key;
            var directory = OutputDirectory.Create(parse.GetValue(output)!);
            using var downloader = new PlatformCertificateDownloader(options);
            foreach (var certificate in await downloader.DownloadAsync(cancellationToken))
            {
                var path = Path.Combine(directory, $"wechatpay_{certificate.Serial}.pem");
                await OutputDirectory.WriteAsync(path, certificate.Pem, cancellationToken);
                stdout.WriteLine($"platform certificate {certificate.Serial}");
                stdout.WriteLine($"  effective {certificate.EffectiveTime:yyyy-MM-dd HH:mm:ss zzz}, expires {certificate.ExpireTime:yyyy-MM-dd HH:mm:ss zzz}");
                stdout.WriteLine($"  saved to {path}");
            }
            stdout.WriteLine("The response was verified with the certificate it names. Check again by hand if you like: openssl x509 -in FILE -noout -serial -dates");
            return ExitCodes.Success;
        });
        return command;
    }
}
