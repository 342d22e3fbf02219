namespace WeChatPay.Chain.Simulator.Tests.Docs;

/// <summary>Keeps <see cref="DocsSampleTests"/> the same code as the sample in docs/simulator.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");

        var doc = File.ReadAllText(Path.Combine(root!.FullName, "docs", "simulator.md"));
        var start = doc.IndexOf("```csharp\nusing WeChatPay.Chain;", StringComparison.Ordinal) + "```csharp\n".Length;
        var sample = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]
            .Replace("public class CheckoutTests", "public class DocsSampleTests", StringComparison.Ordinal)
            .Replace("using WeChatPay.Chain.Simulator;\n", "using WeChatPay.Chain.Simulator;\n\nnamespace WeChatPay.Chain.Simulator.Tests.Docs;\n", StringComparison.Ordinal);
        var test = File.ReadAllText(Path.Combine(root.FullName, "tests", "WeChatPay.Chain.Simulator.Tests", "Docs", "DocsSampleTests.cs"));

        Assert.That(test[(test.IndexOf('\n') + 1)..], Is.EqualTo(sample));
    }
}
