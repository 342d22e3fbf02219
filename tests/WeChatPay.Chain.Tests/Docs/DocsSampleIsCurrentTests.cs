namespace WeChatPay.Chain.Tests.Docs;

/// <summary>Keeps <see cref="SmartRetailOrderTests"/> the same code as the sample in docs/testing.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_tested_sample_is_the_one_in_the_docs()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");

        var doc = File.ReadAllText(Path.Combine(root!.FullName, "docs", "testing.md"));
        const string opening = "```csharp\nusing Flurl.Http.Testing;";
        Assert.That(doc, Does.Contain(opening), "the sample's opening line");
        var start = doc.IndexOf(opening, StringComparison.Ordinal) + "```csharp\n".Length;
        var sample = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]
            .Replace("using WeChatPay.Chain.Testing;\n", "using WeChatPay.Chain.Testing;\n\nnamespace WeChatPay.Chain.Tests.Docs;\n", StringComparison.Ordinal);
        var compiled = File.ReadAllText(Path.Combine(root.FullName, "tests", "WeChatPay.Chain.Tests", "Docs", "SmartRetailOrderTests.cs"));

        Assert.That(compiled[(compiled.IndexOf('\n') + 1)..], Is.EqualTo(sample));
    }
}
