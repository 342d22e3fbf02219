using System.Runtime.InteropServices;
using WeChatPay.Chain.Benchmarks.Reporting;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>What the numbers were measured on, and the RSA-signing rate that bounds every client on it.</summary>
public static class Machine
{
    /// <summary>Prints the machine and the RSA bound, and returns single-thread RSA-2048 signatures per second.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="headlines">Where the bound goes.</param>
    /// <param name="duration">How long each in-process RSA measurement runs.</param>
    /// <param name="openSslSeconds">Seconds for <c>openssl speed rsa2048</c>; 0 skips it.</param>
    public static double Describe(TextWriter output, Headlines headlines, TimeSpan duration, int openSslSeconds)
    {
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        var single = RsaSigningBound.SignaturesPerSecond(duration);
        var all = RsaSigningBound.SignaturesPerSecond(duration, Environment.ProcessorCount);
        var table = new Table("RSA-2048 sign (PKCS#1 v1.5, SHA-256)", "signatures/s", "ms/signature");
        table.Add("in process, 1 thread", single, 1000 / single);
        table.Add($"in process, {Environment.ProcessorCount} threads", all, 1000 * Environment.ProcessorCount / all);
        if (openSslSeconds > 0 && OpenSslSpeed.Rsa2048(openSslSeconds) is { } openssl)
        {
            table.Add($"openssl speed -seconds {openSslSeconds} rsa2048", openssl.Sign, 1000 / openssl.Sign);
            headlines.Note($"openssl speed rsa2048: {openssl.Sign:N0} sign/s, {openssl.Verify:N0} verify/s on one core");
        }
        table.WriteTo(output);
        headlines.Note($"RSA-2048 signing in process: {single:N0}/s on 1 thread ({1000 / single:0.000} ms each), {all:N0}/s on {Environment.ProcessorCount} threads");
        return single;
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
