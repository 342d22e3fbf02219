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
}
