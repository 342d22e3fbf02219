using System.CommandLine;
using WeChatPay.Chain;
using WeChatPay.Chain.Cli;
using WeChatPay.Chain.Cli.Commands;

try
{
    Console.OutputEncoding = System.Text.Encoding.UTF8;
}
catch (IOException)
{
    // No console to set it on (a detached process or service): output goes on in the default encoding.
}
return await WxPay.RunAsync(args, Console.Out, Console.Error);

namespace WeChatPay.Chain.Cli
{
    /// <summary>The <c>wxpay</c> command line: parsing, dispatch, and the mapping of failures to exit codes.</summary>
    public static class WxPay
    {
        /// <summary>Set to 1 to have an internal error (exit code 70) print its stack trace.</summary>
        public const string DebugVariable = "WXPAY_DEBUG";

        /// <summary>
        /// Runs one command line against the process environment and returns its exit code (see <see cref="ExitCodes"/>).
        /// The first Ctrl+C cancels the command (exit code 130); a second one ends the process at once.
        /// </summary>
        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
        {
            using var ctrlC = new CancellationTokenSource();
            void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
            {
                // Only the first press waits for the command to wind down; a command that does not stop can still be killed.
                e.Cancel = !ctrlC.IsCancellationRequested;
                ctrlC.Cancel();
            }
            Console.CancelKeyPress += OnCancelKeyPress;
            try
            {
                return await RunAsync(args, stdout, stderr, Environment.GetEnvironmentVariable, ctrlC.Token);
            }
            finally
            {
                Console.CancelKeyPress -= OnCancelKeyPress;
            }
        }

        /// <summary>The command's <c>--profile</c> when it names a simulator profile; null otherwise.</summary>
        private static string? SimulatorProfileOf(ParseResult parse)
            => parse.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(option => option.Name == "--profile") is { } flag
                && parse.GetValue(flag) is { } profile && Simulator.SimulatorProfile.TlsCertificateOf(profile) is not null
                    ? profile
                    : null;

        /// <summary>Runs one command line and returns its exit code (see <see cref="ExitCodes"/>).</summary>
        /// <param name="args">The arguments, without the program name.</param>
        /// <param name="stdout">Where results go.</param>
        /// <param name="stderr">Where errors go.</param>
        /// <param name="environment">Reads an environment variable: the process environment for the tool, a dictionary in tests.</param>
        /// <param name="cancellationToken">
        /// Stops a running command as Ctrl+C does: a call or the demo then exits 130 (<see cref="ExitCodes.Cancelled"/>), <c>wxpay sim</c> exits 0.
        /// </param>
        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken)
        {
            var root = new RootCommand("wxpay: WeChat Pay APIv3 from the shell. Every request is signed and every response verified. " + ExitCodes.Summary);
            foreach (var verb in new[] { "get", "post", "put", "patch", "delete" }) root.Subcommands.Add(CallCommand.Create(verb, stdout, environment));
            root.Subcommands.Add(CertificatesCommand.Create(stdout, environment));
            root.Subcommands.Add(SimCommand.Create(stdout));
            root.Subcommands.Add(DemoCommand.Create(stdout, stderr));

            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }); // "@file" belongs to --json, not to response files
            if (parse.Errors.Count > 0 && args is [var first, ..] && !first.StartsWith('-') && root.Subcommands.All(command => command.Name != first))
            {
                var names = root.Subcommands.Select(command => command.Name).ToList();
                var guess = CommandNames.Closest(first, names);
                stderr.WriteLine($"wxpay: '{CommandNames.Shown(first)}' is not a command.{(guess is null ? "" : $" Did you mean '{guess}'?")}");
                stderr.WriteLine($"Commands: {string.Join(", ", names)}. Run 'wxpay --help' for usage.");
                return ExitCodes.Usage;
            }
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) stderr.WriteLine(error.Message);
                stderr.WriteLine("Run 'wxpay --help' for usage.");
                return ExitCodes.Usage;
            }
            try
            {
                // Ctrl+C comes in through cancellationToken (see the overload above), not through System.CommandLine's own handler.
                var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
                return await parse.InvokeAsync(invocation, cancellationToken);
            }
            catch (UsageException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.Usage;
            }
            catch (WeChatPayException e)
            {
                stderr.WriteLine(e.Message);
                if (e is TransportException { IsTimeout: false } && SimulatorProfileOf(parse) is { } profile)
                    stderr.WriteLine($"Is the simulator of this profile still running? Start it with: wxpay sim --profile {profile}");
                if (e is ApiException { Response.Body.Length: > 0 } api) stderr.WriteLine(api.Response.Text);
                return ExitCodes.For(e);
            }
            catch (TimeoutException e)
            {
                stderr.WriteLine(e.Message);
                return ExitCodes.TransportError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stderr.WriteLine("wxpay: cancelled");
                return ExitCodes.Cancelled;
            }
            catch (Exception e)
            {
                // Whatever is left is a bug in wxpay: one line by default, the whole trace when asked for.
                stderr.WriteLine($"wxpay: internal error: {e.GetType().FullName}: {e.Message}");
                if (environment(DebugVariable) == "1") stderr.WriteLine(e);
                return ExitCodes.InternalError;
            }
        }
    }
}
