using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Docs;

/// <summary>Keeps <see cref="SmartRetailOrderTests"/> the same code as the sample in docs/testing.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/testing.md", "using Flurl.Http.Testing;", "tests/WeChatPay.Chain.Tests/Docs/SmartRetailOrderTests.cs",
            sample => sample.Replace("using WeChatPay.Chain.Testing;\n", "using WeChatPay.Chain.Testing;\n\nnamespace WeChatPay.Chain.Tests.Docs;\n", StringComparison.Ordinal));
}
