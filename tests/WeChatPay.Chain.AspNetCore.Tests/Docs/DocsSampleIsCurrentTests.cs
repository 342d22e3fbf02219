namespace WeChatPay.Chain.AspNetCore.Tests.Docs;

/// <summary>Keeps <see cref="WeChatPayCallbacks"/> the same code as the sample in docs/notifications.md.</summary>
public class DocsSampleIsCurrentTests
{
    [Test]
    public void The_compiled_sample_is_the_one_in_the_docs()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");

        var doc = File.ReadAllText(Path.Combine(root!.FullName, "docs", "notifications.md"));
        const string opening = "```csharp\nusing Microsoft.AspNetCore.Routing;";
        Assert.That(doc, Does.Contain(opening), "the sample's opening line");
        var start = doc.IndexOf(opening, StringComparison.Ordinal) + "```csharp\n".Length;
        var sample = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]
            .Replace("using WeChatPay.Chain.Client;\n", "using WeChatPay.Chain.Client;\n\nnamespace WeChatPay.Chain.AspNetCore.Tests.Docs;\n", StringComparison.Ordinal);
        var compiled = File.ReadAllText(Path.Combine(root.FullName, "tests", "WeChatPay.Chain.AspNetCore.Tests", "Docs", "WeChatPayCallbacks.cs"));

        Assert.That(compiled[(compiled.IndexOf('\n') + 1)..], Is.EqualTo(sample));
    }
}
