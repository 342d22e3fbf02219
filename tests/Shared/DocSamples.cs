namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// Samples in docs/ that a test project compiles and runs: each compiled file must stay the code its page shows, so a
/// sample that stops compiling or passing fails the build instead of going stale on the page.
/// </summary>
internal static class DocSamples
{
    /// <summary>
    /// Asserts that <paramref name="compiledFile"/>, after its first line (which says where it is shown), is the first
    /// <c>csharp</c> block of <paramref name="page"/> that starts with <paramref name="firstLine"/>.
    /// </summary>
    /// <param name="page">The page, from the repository root, such as <c>docs/testing.md</c>.</param>
    /// <param name="firstLine">The sample's first line, which tells it from the page's other blocks.</param>
    /// <param name="compiledFile">The compiled copy, from the repository root.</param>
    /// <param name="asCompiled">What the compiled copy changes in the sample (a namespace, a class name).</param>
    public static void AssertCompiledAsShown(string page, string firstLine, string compiledFile, Func<string, string> asCompiled)
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");

        var doc = File.ReadAllText(Path.Combine(root!.FullName, page));
        var opening = "```csharp\n" + firstLine;
        Assert.That(doc, Does.Contain(opening), "the sample's opening line");
        var start = doc.IndexOf(opening, StringComparison.Ordinal) + "```csharp\n".Length;
        var sample = asCompiled(doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]);
        var compiled = File.ReadAllText(Path.Combine(root.FullName, compiledFile));

        Assert.That(compiled[(compiled.IndexOf('\n') + 1)..], Is.EqualTo(sample));
    }
}
