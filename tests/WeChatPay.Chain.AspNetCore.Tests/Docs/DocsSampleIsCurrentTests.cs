using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.AspNetCore.Tests.Docs;

/// <summary>Keeps <see cref="WeChatPayCallbacks"/> the same code as the sample in docs/notifications.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_compiled_sample_is_the_one_in_the_docs()
        => DocSamples.AssertCompiledAsShown("docs/notifications.md", "using Microsoft.AspNetCore.Routing;", "tests/WeChatPay.Chain.AspNetCore.Tests/Docs/WeChatPayCallbacks.cs",
            sample => sample.Replace("using WeChatPay.Chain.Client;\n", "using WeChatPay.Chain.Client;\n\nnamespace WeChatPay.Chain.AspNetCore.Tests.Docs;\n", StringComparison.Ordinal));
}
