using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using WeChatPay.Chain.Benchmarks;
using WeChatPay.Chain.Benchmarks.ColdStart;
using WeChatPay.Chain.Benchmarks.InProcess;
using WeChatPay.Chain.Benchmarks.Memory;
using WeChatPay.Chain.Benchmarks.Micro;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Throughput;

// The cold-start child starts its clock before anything else runs.
if (args is [ColdStartChild.Mode, ..])
    return await ColdStartChild.RunAsync(new PhaseClock(), args);

var command = new ProgramArguments(args);
var output = Console.Out;
var headlines = new Headlines();
var started = Stopwatch.GetTimestamp();
var foreignLoad = new ForeignLoad();

switch (command.Mode)
{
    case "micro":
        BenchmarkSwitcher.FromTypes([typeof(ChainingBenchmarks), typeof(SigningStringBenchmarks), typeof(RsaSigningBenchmarks), typeof(VerificationBenchmarks), typeof(JsonBenchmarks), typeof(Sm2SigningBenchmarks)])
            .Run(command.Rest.Length == 0 ? ["--filter", "*"] : command.Rest, DefaultConfig.Instance);
        return 0;

    case "inproc":
        if (!command.Flag("interleaved-only"))
        {
            BenchmarkRunner.Run<WholeCallBenchmarks>(DefaultConfig.Instance, command.Rest);
            foreignLoad = new ForeignLoad(); // BenchmarkDotNet runs each benchmark in a child process, which would count as "others"
        }
        await new InterleavedComparison(rounds: command.Integer("rounds", 200), callsPerRound: command.Integer("calls", 25), warmupCalls: 2000).RunAsync(output, headlines);
        break;

    case "apiv2":
        await new ApiV2Comparison(rounds: command.Integer("rounds", 200), callsPerRound: command.Integer("calls", 50), TimeSpan.FromSeconds(command.Number("warmup", 5))).RunAsync(output, headlines);
        break;

    case "throughput":
        var perCore = Machine.Describe(output, headlines, TimeSpan.FromSeconds(3), openSslSeconds: 3);
        await new ThroughputRunner(new ThroughputSettings(command.Integer("callers", 4), TimeSpan.FromSeconds(command.Number("seconds", 1)),
            TimeSpan.FromSeconds(2), command.Integer("rounds", 12))).RunAsync(output, headlines, perCore);
        break;

    case "sm2":
        new Sm2SpeedRunner(command.Integer("seconds", 1), command.Integer("repeats", 5)).Run(output, headlines);
        break;

    case "coldstart":
        await new ColdStartRunner(command.Integer("repeats", 10), Enum.GetValues<ColdStartVariant>()).RunAsync(output, headlines);
        break;

    case "memory":
        await new MemoryRunner(command.Integer("calls", 100_000), checkpoints: 10, warmupCalls: 5_000).RunAsync(output, headlines);
        break;

    case "allocations":
        await new AllocationSites(command.Text("contender", "typed"), command.Flag("sync"), command.Integer("calls", 40_000), command.Integer("rows", 30)).RunAsync(output, headlines);
        break;

    case "--quick":
        var quickPerCore = Machine.Describe(output, headlines, TimeSpan.FromSeconds(1), openSslSeconds: 0);
        await new InterleavedComparison(rounds: 40, callsPerRound: 20, warmupCalls: 1000).RunAsync(output, headlines);
        await new ThroughputRunner(new ThroughputSettings(4, TimeSpan.FromSeconds(0.6), TimeSpan.FromSeconds(0.4), 4)).RunAsync(output, headlines, quickPerCore);
        await new MemoryRunner(calls: 6_000, checkpoints: 3, warmupCalls: 1_000).RunAsync(output, headlines);
        headlines.Note(foreignLoad.Describe() + " (before the cold starts, whose children would count as others)");
        await new ColdStartRunner(repeats: 3, [ColdStartVariant.Baseline, ColdStartVariant.Typed, ColdStartVariant.Dynamic]).RunAsync(output, headlines);
        break;

    default:
        output.WriteLine("""
            Usage: dotnet run -c Release --project tests/WeChatPay.Chain.Benchmarks -- MODE [options]
              micro       BenchmarkDotNet micro benchmarks (takes minutes; BenchmarkDotNet options such as --filter follow)
              inproc      whole call in process, client vs hand-written baseline (BenchmarkDotNet, then an interleaved
                          cross-check [--rounds 200] [--calls 25]; --interleaved-only skips BenchmarkDotNet)
              apiv2       one APIv2 XML call in process, client vs hand-written XML + MD5, after a warm-up of both
                          [--rounds 200] [--calls 50] [--warmup 5] (seconds)
              throughput  loopback throughput [--callers 4] [--seconds 1] [--rounds 12], with the RSA-signing bound
              sm2         国密 SM2 sign/s and verify/s on 1 thread through the library, against `openssl speed sm2`
                          in the same run, in turns [--seconds 1] [--repeats 5]
              coldstart   process start to first verified response [--repeats 10]
              memory      live heap across sequential calls [--calls 100000]
              allocations where one contender's bytes per call come from, by owner and site, from the runtime's
                          allocation samples [--contender typed] [--sync] [--calls 40000] [--rows 30]
              --quick     all of it, briefly (under a minute); the key ratios are the last lines
            """);
        return command.Mode.Length == 0 ? 0 : 64;
}

output.WriteLine($"({command.Mode} took {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s)");
if (command.Mode is not ("--quick" or "coldstart")) headlines.Note(foreignLoad.Describe());
headlines.WriteTo(output);
return 0;
