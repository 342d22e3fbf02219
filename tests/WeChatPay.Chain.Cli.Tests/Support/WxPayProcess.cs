using System.Diagnostics;

namespace WeChatPay.Chain.Cli.Tests;

/// <summary>
/// Runs the real <c>wxpay</c> program (<c>dotnet wxpay.dll</c>, built beside the tests) as a child process, with no
/// <c>WECHATPAY_*</c> variables but those given: what a user at a shell sees, exit code included.
/// </summary>
public static class WxPayProcess
{
    public static async Task<Cli.Result> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wxpay.dll"));
        foreach (var argument in args) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("WECHATPAY_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Cli.Result(process.ExitCode, await stdout, await stderr);
    }
}
