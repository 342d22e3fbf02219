using System.CommandLine;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Cli.Commands;

/// <summary>
/// <c>wxpay demo</c>: the whole smart-retail flow against an embedded simulator with a fresh profile, in the six call
/// styles, checking every step. Exit code 0 only if every check passed.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var keep = new Option<bool>("--keep-profile") { Description = "Keep the temporary profile directory and print its path." };
        var apiV2 = new Option<bool>("--v2") { Description = "Run the APIv2 flow instead: a micropay polled until paid, then a refund over mutual TLS, against the simulator over HTTPS." };
        var scheme = SchemeOption.Create("run the smart-retail flow in this scheme (default rsa); with sm2 every request is SM2-signed, every answer and notification SM2-verified and every resource SM4-GCM.");
        var command = new Command("demo", "Run the smart-retail flow (create, query, accept, complete, pay, notification) against an embedded simulator, in all six call styles; with --v2, the APIv2 flow.");
        command.Options.Add(keep);
        command.Options.Add(apiV2);
        command.Options.Add(scheme);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var signatureScheme = SchemeOption.Read(parse, scheme) ?? SignatureScheme.Rsa2048WithSha256;
            if (parse.GetValue(apiV2) && signatureScheme == SignatureScheme.Sm2WithSm3)
                throw new UsageException("--v2 with --scheme sm2: APIv2 signs with the APIv2 key (MD5 or HMAC-SHA256) and has no 国密 mode; drop one of them.");
            var directory = Path.Combine(Path.GetTempPath(), "wxpay-demo-" + Guid.NewGuid().ToString("N")[..12]);
            try
            {
                var passed = parse.GetValue(apiV2)
                    ? await ApiV2DemoFlow.RunAsync(directory, stdout, stderr, cancellationToken)
                    : await DemoFlow.RunAsync(directory, signatureScheme, stdout, stderr, cancellationToken);
                return passed ? ExitCodes.Success : ExitCodes.ApiError;
            }
            finally
            {
                if (parse.GetValue(keep)) stdout.WriteLine($"profile kept in {directory}");
                else TryDelete(directory);
            }
        });
        return command;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory left behind is harmless.
        }
    }
}
