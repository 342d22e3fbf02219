using System.Diagnostics;
using System.Security.Cryptography;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>
/// The ceiling no client can pass: every call needs one RSA-2048 private-key signature, so calls per second are
/// bounded by signatures per second. Measured here, in process, through the same BCL call the clients use.
/// </summary>
public static class RsaSigningBound
{
    /// <summary>Signatures per second on <paramref name="threads"/> threads signing a typical message flat out.</summary>
    public static double SignaturesPerSecond(TimeSpan duration, int threads = 1)
    {
        var key = BenchmarkKeys.Shared.MerchantKey;
        var message = SmartRetailOrder.CreatedBody;
        Sign(key, message, 20);
        var counts = new long[threads];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            while (Stopwatch.GetTimestamp() < deadline) counts[t] += Sign(key, message, 10);
        })).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static int Sign(RSA key, byte[] message, int times)
    {
        Span<byte> signature = stackalloc byte[key.KeySize / 8];
        for (var i = 0; i < times; i++) key.TrySignData(message, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out _);
        return times;
    }
}
