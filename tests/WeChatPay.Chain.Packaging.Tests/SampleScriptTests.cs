namespace WeChatPay.Chain.Packaging.Tests;

/// <summary>The file-based sample in docs/samples, run with <c>dotnet run</c> as docs/scripting.md tells readers to.</summary>
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
}
