namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>The file-based samples in docs/samples, run with <c>dotnet run</c> as docs/scripting.md and docs/smartretail.md tell readers to.</summary>
public class SampleScriptTests
{
    [Test]
    public async Task Smartretail_script_creates_and_queries_an_order_with_dotnet_run()
    {
        // Built in Release into the packed solution's artifacts, where the simulator project it references is built
        // already: nothing is rebuilt, and the repository's own bin/ and obj/ are not touched.
        var run = await DotnetCli.RunAsync(Repository.Root, TimeSpan.FromMinutes(4),
            "run", "-c", "Release", $"-p:ArtifactsPath={PackedSolution.Artifacts}", "docs/samples/smartretail.cs");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Match(@"simulator\s+http://127\.0\.0\.1:\d+/ \(mchid 19\d{8}\)"));
        Assert.That(run.Output, Does.Match(@"created\s+SCRIPT\d+ state=CREATED \(HTTP 200, Request-ID \S+\)"));
        Assert.That(run.Output, Does.Match(@"queried\s+SCRIPT\d+ state=CREATED risk_amount=10000"));
        Assert.That(run.Output, Does.Match(@"typed\s+SCRIPT\d+ CREATED 自助零售柜"));
    }

    [Test]
    public async Task Smartretail_full_script_pays_one_order_and_cancels_another_with_dotnet_run()
    {
        var run = await DotnetCli.RunAsync(Repository.Root, TimeSpan.FromMinutes(4),
            "run", "-c", "Release", $"-p:ArtifactsPath={PackedSolution.Artifacts}", "docs/samples/smartretail-full.cs");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Match(@"simulator\s+http://127\.0\.0\.1:\d+/ \(mchid 19\d{8}\)"));
        foreach (var (step, state) in new[] { ("created", "CREATED"), ("confirmed", "USER_ACCEPTED"), ("completed", "FINISHED"), ("paid", "USER_PAID") })
            Assert.That(run.Output, Does.Match($@"{step}\s+FULL\d+ state={state}\r?\n"));
        Assert.That(run.Output, Does.Match(@"total_amount=1400 fen, finish_transaction_id=\d+"));
        Assert.That(run.Output, Does.Match(@"created\s+GONE\d+ state=CREATED"));
        Assert.That(run.Output, Does.Match(@"cancelled\s+GONE\d+ state=REVOKED"));
        Assert.That(run.Output, Does.Match(@"refused\s+400 INVALID_REQUEST: Order GONE\d+ is REVOKED; cancel needs it to be CREATED"));
    }
}
