using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Simulator.Tests.Docs;

/// <summary>Keeps <see cref="DocsSampleTests"/> the same code as the sample in docs/simulator.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/simulator.md", "using WeChatPay.Chain;", "tests/WeChatPay.Chain.Simulator.Tests/Docs/DocsSampleTests.cs",
            sample => sample
                .Replace("public class CheckoutTests", "public class DocsSampleTests", StringComparison.Ordinal)
                .Replace("using WeChatPay.Chain.Simulator;\n", "using WeChatPay.Chain.Simulator;\n\nnamespace WeChatPay.Chain.Simulator.Tests.Docs;\n", StringComparison.Ordinal));
}
