using System.Diagnostics;

namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>Runs a program (the dotnet CLI, an installed tool) in a child process, as a user would from a shell.</summary>
internal static class DotnetCli
{
    /// <summary>What a run printed and how it ended.</summary>
    internal sealed record Result(int ExitCode, string Output, string Error)
    {
        /// <summary>Everything printed, for assertion messages.</summary>
        public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}{Environment.NewLine}{Error}";
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>.</summary>
    public static Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
        => RunProgramAsync("dotnet", workingDirectory, timeout, arguments);

    /// <summary>
    /// Runs <paramref name="program"/>, killing it (and what it started) when <paramref name="timeout"/> passes. The
    /// MSBuild settings <c>dotnet test</c> leaves in this process's environment are not passed on, so the child's
    /// builds are configured as they would be from a shell.
    /// </summary>
    public static async Task<Result> RunProgramAsync(string program, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(InheritedFromTheTestHost).ToList()) start.Environment.Remove(name);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timer = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} took longer than {timeout}:{Environment.NewLine}{await output}{Environment.NewLine}{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    private static bool InheritedFromTheTestHost(string name)
        => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);
}
