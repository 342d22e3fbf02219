using System.Diagnostics;
using System.Globalization;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>A second opinion on the RSA bound: <c>openssl speed -seconds N rsa2048</c>, single-threaded.</summary>
public static class OpenSslSpeed
{
    /// <summary>Runs openssl and returns RSA-2048 signatures and verifications per second, or null when openssl is missing or says something else.</summary>
    public static (double Sign, double Verify)? Rsa2048(int seconds)
    {
        var start = new ProcessStartInfo("openssl", $"speed -seconds {seconds} rsa2048") { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            _ = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            // "rsa 2048 bits 0.000394s 0.000023s   2537.7  42698.3"
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("rsa 2048 bits", StringComparison.Ordinal));
            var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: >= 7 }) return null;
            return (double.Parse(fields[5], CultureInfo.InvariantCulture), double.Parse(fields[6], CultureInfo.InvariantCulture));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
