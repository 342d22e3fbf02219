using System.Diagnostics;
using System.Globalization;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>A second opinion from OpenSSL on this machine: <c>openssl speed -seconds N ALGORITHM</c>, single-threaded.</summary>
public static class OpenSslSpeed
{
    /// <summary>Runs openssl and returns RSA-2048 signatures and verifications per second, or null when openssl is missing or says something else.</summary>
    public static (double Sign, double Verify)? Rsa2048(int seconds)
        // "rsa 2048 bits 0.000394s 0.000023s   2537.7  42698.3"
        => LastTwoNumbers(Run(seconds, "rsa2048"), line => line.StartsWith("rsa 2048 bits", StringComparison.Ordinal));

    /// <summary>Runs openssl and returns SM2 (with SM3) signatures and verifications per second, or null when openssl is missing, lacks SM2, or says something else.</summary>
    public static (double Sign, double Verify)? Sm2(int seconds)
        // OpenSSL 3.0: " 256 bits SM2 (CurveSM2)   0.0003s   0.0003s   3547.5   3893.8"
        => LastTwoNumbers(Run(seconds, "sm2"), line => line.Contains(" bits SM2 ", StringComparison.Ordinal));

    /// <summary>The first line of openssl's version, or null when there is no openssl.</summary>
    public static string? Version()
    {
        var output = Run("version");
        return output?.Split('\n')[0].Trim();
    }

    private static string? Run(int seconds, string algorithm) => Run($"speed -seconds {seconds} {algorithm}");

    private static string? Run(string arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            _ = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The last two numbers of the first line <paramref name="matches"/>: operations per second, sign then verify.</summary>
    private static (double Sign, double Verify)? LastTwoNumbers(string? output, Func<string, bool> matches)
    {
        var line = output?.Split('\n').FirstOrDefault(matches);
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: >= 2 }) return null;
        return double.TryParse(fields[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var sign)
            && double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var verify)
                ? (sign, verify)
                : null;
    }
}
