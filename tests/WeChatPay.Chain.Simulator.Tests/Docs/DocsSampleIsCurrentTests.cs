using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Simulator.Tests.Docs;

/// <summary>
/// Keeps <see cref="DocsSampleTests"/> the same code as the sample in docs/simulator.md, and every script of docs/samples
/// shown on a page and run by a test.
/// </summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/simulator.md", "using WeChatPay.Chain;", "tests/WeChatPay.Chain.Simulator.Tests/Docs/DocsSampleTests.cs",
            sample => sample
                .Replace("public class CheckoutTests", "public class DocsSampleTests", StringComparison.Ordinal)
                .Replace("using WeChatPay.Chain.Simulator;\n", "using WeChatPay.Chain.Simulator;\n\nnamespace WeChatPay.Chain.Simulator.Tests.Docs;\n", StringComparison.Ordinal));

    /// <summary>
    /// A file-based script cannot be compiled into a test project; the packaging tests run each with <c>dotnet run</c>
    /// instead (they build everything in Release, so they are the slow suite). This keeps a new script from going
    /// unrun or unshown.
    /// </summary>
    [Test]
    public void Every_sample_script_is_linked_from_the_docs_and_run_by_the_packaging_tests()
    {
        var root = DocSamples.RepositoryRoot();
        var scripts = Directory.GetFiles(Path.Combine(root, "docs", "samples"), "*.cs").Select(Path.GetFileName).ToArray();
        var runner = File.ReadAllText(Path.Combine(root, "tests", "WeChatPay.Chain.Packaging.Tests", "SampleScriptTests.cs"));
        var pages = string.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(File.ReadAllText));

        Assert.That(scripts, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var script in scripts)
            {
                Assert.That(runner, Does.Contain($"\"docs/samples/{script}\""), $"SampleScriptTests runs {script}");
                Assert.That(pages, Does.Contain($"(samples/{script})"), $"a page of docs/ links {script}");
            }
        });
    }
}
