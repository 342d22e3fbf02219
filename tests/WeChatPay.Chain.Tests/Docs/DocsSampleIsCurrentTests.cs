using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Docs;

/// <summary>Keeps <see cref="SmartRetailOrderTests"/> and <see cref="MicropayTests"/> the same code as the samples in docs/testing.md and docs/apiv2.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/testing.md", "using Flurl.Http.Testing;", "tests/WeChatPay.Chain.Tests/Docs/SmartRetailOrderTests.cs",
            sample => sample.Replace("using WeChatPay.Chain.Testing;\n", "using WeChatPay.Chain.Testing;\n\nnamespace WeChatPay.Chain.Tests.Docs;\n", StringComparison.Ordinal));

    [Test]
    public void The_tested_APIv2_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/apiv2.md", "using Flurl.Http.Testing;", "tests/WeChatPay.Chain.Tests/Docs/MicropayTests.cs",
            sample => sample.Replace("using WeChatPay.Chain.Testing;\n", "using WeChatPay.Chain.Testing;\n\nnamespace WeChatPay.Chain.Tests.Docs;\n", StringComparison.Ordinal));

    [Test]
    public void The_tested_promise_forms_are_the_ones_in_the_docs()
    {
        var compiled = File.ReadAllText(Path.Combine(Repository(), "tests/WeChatPay.Chain.Tests/Docs/PromiseFormsTests.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = compiled.IndexOf("// $instance->", StringComparison.Ordinal);
        var end = compiled.IndexOf("        Assert.That(await state", StringComparison.Ordinal);
        DocSamples.AssertCompiledAsShown("docs/porting.md", "// $instance->v3->payscore->smartretailOrders->postAsync([...])->then(", "tests/WeChatPay.Chain.Tests/Docs/PromiseFormsTests.cs",
            sample => compiled[(compiled.IndexOf('\n') + 1)..start] + sample + compiled[end..]);
    }

    private static string Repository()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        return root.FullName;
    }
}
