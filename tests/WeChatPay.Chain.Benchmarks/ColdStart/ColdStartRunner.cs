using System.Diagnostics;
using System.Globalization;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Benchmarks.Throughput;

namespace WeChatPay.Chain.Benchmarks.ColdStart;

/// <summary>
/// Cold start: spawns this program as a child (<see cref="ColdStartChild"/>) that makes one call to an HTTPS
/// endpoint on loopback, and times from just before <see cref="Process.Start()"/> to the child printing its verified
/// result. Variants take turns; the report gives medians of the totals and of each phase.
/// </summary>
/// <param name="repeats">Starts per variant.</param>
/// <param name="variants">Which variants to run.</param>
public sealed class ColdStartRunner(int repeats, IReadOnlyList<ColdStartVariant> variants)
{
    /// <summary>Runs the children and prints a table of totals and one of phases.</summary>
    public async Task RunAsync(TextWriter output, Headlines headlines)
    {
        var keysDirectory = Path.Combine(Path.GetTempPath(), $"wechatpay-chain-benchmarks-{Environment.ProcessId}");
        BenchmarkKeys.Shared.WriteTo(keysDirectory);
        try
        {
            using var certificate = LoopbackCertificate.Create();
            var response = SignedResponse.Create(BenchmarkKeys.Shared, SmartRetailOrder.CreatedBody, DateTimeOffset.UtcNow);
            await using var endpoint = await LoopbackEndpoint.StartAsync(response, certificate);
            string[] Arguments(ColdStartVariant v) => [ColdStartChild.Mode, v.ToString(), endpoint.BaseUri.ToString(), keysDirectory, LoopbackCertificate.Thumbprint(certificate)];

            foreach (var variant in variants) await StartChildAsync(Arguments(variant)); // warms the file cache, unmeasured
            var runs = variants.ToDictionary(v => v, _ => new List<ChildRun>());
            for (var round = 0; round < repeats; round++)
            {
                foreach (var variant in variants.Skip(round % variants.Count).Concat(variants.Take(round % variants.Count)))
                    runs[variant].Add(await StartChildAsync(Arguments(variant)));
            }
            Report(output, headlines, runs);
        }
        finally
        {
            Directory.Delete(keysDirectory, recursive: true);
        }
    }

    private void Report(TextWriter output, Headlines headlines, Dictionary<ColdStartVariant, List<ChildRun>> runs)
    {
        output.WriteLine($"Cold start to the first verified response over HTTPS on loopback: {repeats} starts per variant; medians.");
        var totals = new Table("variant", "total ms", "min..max ms", "runtime start ms", "in Main ms", "JIT ms (all)", "methods JIT-compiled");
        foreach (var (variant, list) in runs)
        {
            totals.Add(variant.ToString().ToLowerInvariant(), Statistics.Median(list.Select(r => r.TotalMs)),
                $"{list.Min(r => r.TotalMs):0}..{list.Max(r => r.TotalMs):0}",
                Statistics.Median(list.Select(r => r.TotalMs - r.InMainMs)), Statistics.Median(list.Select(r => r.InMainMs)),
                Statistics.Median(list.Select(r => r.JitMs)), Statistics.Median(list.Select(r => (double)r.Methods)));
        }
        totals.WriteTo(output);

        var phases = new Table("variant", "phase", "ms", "JIT ms", "methods");
        foreach (var (variant, list) in runs)
        {
            foreach (var name in list[0].Phases.Select(p => p.Name))
            {
                var samples = list.Select(r => r.Phases.Single(p => p.Name == name)).ToArray();
                phases.Add(variant.ToString().ToLowerInvariant(), name, Statistics.Median(samples.Select(p => p.Ms)),
                    Statistics.Median(samples.Select(p => p.JitMs)), Statistics.Median(samples.Select(p => (double)p.Methods)));
            }
        }
        phases.WriteTo(output);

        if (runs.TryGetValue(ColdStartVariant.Baseline, out var baseline))
        {
            var floor = Statistics.Median(baseline.Select(r => r.TotalMs));
            foreach (var variant in new[] { ColdStartVariant.Typed, ColdStartVariant.Dynamic }.Where(runs.ContainsKey))
            {
                var own = Statistics.Median(runs[variant].Select(r => r.TotalMs));
                headlines.Note($"cold start {variant.ToString().ToLowerInvariant()}: {own:0} ms vs baseline {floor:0} ms (+{own - floor:0} ms, {own / floor:0.00}x)");
            }
        }
    }

    private static async Task<ChildRun> StartChildAsync(string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own path is unknown.");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ColdStartRunner).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var phases = new List<Phase>();
        var started = Stopwatch.GetTimestamp();
        using var child = Process.Start(start) ?? throw new InvalidOperationException("The cold-start child did not start.");
        var errors = child.StandardError.ReadToEndAsync();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            var fields = line.Split(PhaseClock.Separator);
            if (fields[0] == "phase")
            {
                phases.Add(new Phase(fields[1], Number(fields[2]), Number(fields[3]), int.Parse(fields[4], CultureInfo.InvariantCulture)));
            }
            else if (fields[0] == "verified")
            {
                var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await child.WaitForExitAsync();
                if (int.Parse(fields[4], CultureInfo.InvariantCulture) == 0) throw new InvalidOperationException("The cold-start child got an empty body.");
                return new ChildRun(total, Number(fields[1]), Number(fields[2]), int.Parse(fields[3], CultureInfo.InvariantCulture), phases);
            }
        }
        await child.WaitForExitAsync();
        throw new InvalidOperationException($"The cold-start child ({string.Join(' ', arguments.Take(2))}) exited with {child.ExitCode} before a verified response: {await errors}");
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
