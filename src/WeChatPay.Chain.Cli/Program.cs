using System.CommandLine;
using WeChatPay.Chain;
using WeChatPay.Chain.Cli;
using WeChatPay.Chain.Cli.Commands;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await WxPay.RunAsync(args, Console.Out, Console.Error);

namespace WeChatPay.Chain.Cli
{
    /// <summary>The <c>wxpay</c> command line: parsing, dispatch, and the mapping of failures to exit codes.</summary>
    public static class WxPay
    {
        /// <summary>Runs one command line against the process environment and returns its exit code (see <see cref="ExitCodes"/>).</summary>
        public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
            => RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, CancellationToken.None);

        /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
        /// <param name="args">The arguments, without the program name.</param>
        /// <param name="stdout">Where results go.</param>
        /// <param name="stderr">Where errors go.</param>
        /// <param name="environment">Reads an environment variable: the process environment for the tool, a dictionary in tests.</param>
        /// <param name="cancellationToken">Stops a running command as Ctrl+C does (<c>wxpay sim</c> then exits 0).</param>
        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
        {
            var root = new RootCommand("wxpay: WeChat Pay APIv3 from the shell. Every request is signed and every response verified. " +
                "Exit codes: 0 success, 1 API error (non-2xx), 2 response failed verification or is unusable (malformed, too large), 3 transport error or timeout, 64 usage error (including `sim` unable to start), 130 cancelled (Ctrl+C).");
            foreach (var verb in new[] { "get", "post", "put", "patch", "delete" }) root.Subcommands.Add(CallCommand.Create(verb, stdout, environment));
            root.Subcommands.Add(CertificatesCommand.Create(stdout, environment));
            root.Subcommands.Add(SimCommand.Create(stdout));
            root.Subcommands.Add(DemoCommand.Create(stdout, stderr));

            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }); // "@file" belongs to --json, not to response files
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) stderr.WriteLine(error.Message);
                stderr.WriteLine("Run 'wxpay --help' for usage.");
                return ExitCodes.Usage;
            }
            try
            {
                return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken);
            }
            catch (UsageException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.Usage;
            }
            catch (WeChatPayException e)
            {
                stderr.WriteLine(e.Message);
                if (e is ApiException { Response.Body.Length: > 0 } api) stderr.WriteLine(api.Response.Text);
                return ExitCodes.For(e);
            }
            catch (TimeoutException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.TransportError;
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM while a call was under way ends in one line, not a stack trace.
                stderr.WriteLine("Cancelled before the command finished.");
                return ExitCodes.Cancelled;
            }
        }
    }
}
