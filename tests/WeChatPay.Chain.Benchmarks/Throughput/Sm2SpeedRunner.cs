using System.Diagnostics;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Benchmarks.Throughput;

/// <summary>
/// The <c>sm2</c> mode: single-threaded SM2 signatures and verifications per second through the library's
/// <see cref="Sm2"/>, and <c>openssl speed sm2</c> on the same machine in the same run, as ratios against the target
/// (the library within 3× of OpenSSL). Each side runs flat out on one thread, in turns: every repeat times the
/// library's signing, then its verification, then runs <c>openssl speed</c> once, so load from elsewhere on the machine
/// falls on both alike; each rate is the median over the repeats, after a warm-up.
/// </summary>
/// <param name="seconds">Seconds for each timed slice: the library's signing, its verification, and each of openssl's two measurements.</param>
/// <param name="repeats">How many turns the medians are taken over.</param>
public sealed class Sm2SpeedRunner(int seconds, int repeats)
{
    /// <summary>The target: OpenSSL at most this many times faster than the library.</summary>
    public const double Target = 3;

    /// <summary>Measures both, prints the table and records the ratios.</summary>
    public void Run(TextWriter output, Headlines headlines)
    {
        var keys = Sm2BenchmarkKeys.Shared;
        output.WriteLine($"SM2 key: test-only, read from PKCS#8 PEM ({Sm2BenchmarkKeys.CurveClass(keys.PrivateKey)} arithmetic); message: a {keys.Message.Length}-byte request signing string");
        var slice = TimeSpan.FromSeconds(seconds);
        Measure(() => Sign(keys), TimeSpan.FromSeconds(0.5));
        Measure(() => Verify(keys), TimeSpan.FromSeconds(0.5));
        var version = OpenSslSpeed.Version();
        var sign = new List<Rate>();
        var verify = new List<Rate>();
        var opensslSign = new List<double>();
        var opensslVerify = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            sign.Add(Measure(() => Sign(keys), slice));
            verify.Add(Measure(() => Verify(keys), slice));
            if (version is not null && OpenSslSpeed.Sm2(seconds) is { } speed)
            {
                opensslSign.Add(speed.Sign);
                opensslVerify.Add(speed.Verify);
            }
        }

        (double Sign, double Verify)? openssl = opensslSign.Count == 0 ? null : (Statistics.Median(opensslSign), Statistics.Median(opensslVerify));
        var table = new Table($"SM2 with SM3, 1 thread, median of {repeats}", "library /s", "library min–max /s", "library bytes allocated/op", "openssl /s", "openssl min–max /s", "openssl / library");
        Row(table, "sign", sign, openssl?.Sign, opensslSign);
        Row(table, "verify", verify, openssl?.Verify, opensslVerify);
        table.WriteTo(output);

        if (version is null)
        {
            output.WriteLine("openssl is not on PATH: no comparison. Install openssl (3.x has SM2) and run again.");
            headlines.Note("SM2: openssl missing, no ratio against the 3x target");
        }
        else if (openssl is null)
        {
            output.WriteLine($"{version}: `openssl speed sm2` gave no SM2 line (built without SM2?): no comparison.");
            headlines.Note($"SM2: {version} has no SM2 speed test, no ratio against the 3x target");
        }
        else
        {
            output.WriteLine($"openssl: {version}, `openssl speed -seconds {seconds} sm2` {repeats} times (a 20-byte message, Z digested per signature)");
            headlines.AtMost("SM2 sign, openssl/library (1 thread)", openssl.Value.Sign / Median(sign), Target);
            headlines.AtMost("SM2 verify, openssl/library (1 thread)", openssl.Value.Verify / Median(verify), Target);
        }
        headlines.Note($"SM2 in the library: {Median(sign):N0} sign/s, {Median(verify):N0} verify/s on 1 thread; {Statistics.Median(sign.Select(r => r.BytesPerOp)):N0} and {Statistics.Median(verify.Select(r => r.BytesPerOp)):N0} bytes allocated per call");
    }

    private static void Row(Table table, string operation, List<Rate> rates, double? openssl, List<double> opensslRates)
        => table.Add(operation, Median(rates), $"{rates.Min(r => r.PerSecond):N0}–{rates.Max(r => r.PerSecond):N0}",
            Statistics.Median(rates.Select(r => r.BytesPerOp)), openssl ?? double.NaN,
            opensslRates.Count == 0 ? "n/a" : $"{opensslRates.Min():N0}–{opensslRates.Max():N0}", openssl is { } o ? o / Median(rates) : double.NaN);

    private static double Median(List<Rate> rates) => Statistics.Median(rates.Select(r => r.PerSecond));

    private static void Sign(Sm2BenchmarkKeys keys) => Sm2.Sign(keys.PrivateKey, keys.Message);

    private static void Verify(Sm2BenchmarkKeys keys)
    {
        if (!Sm2.Verify(keys.PublicKey, keys.Message, keys.Signature)) throw new InvalidOperationException("SM2 verification failed in the speed run.");
    }

    /// <summary>Runs <paramref name="operation"/> flat out for <paramref name="duration"/>: operations per second and bytes allocated per operation.</summary>
    private static Rate Measure(Action operation, TimeSpan duration)
    {
        var count = 0L;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            operation();
            count++;
        }
        while (Stopwatch.GetTimestamp() < deadline);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new Rate(count / elapsed, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / count);
    }

    private readonly record struct Rate(double PerSecond, double BytesPerOp);
}
