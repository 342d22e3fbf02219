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
        var root = RepositoryRoot();
        var doc = File.ReadAllText(Path.Combine(root, page));
        var opening = "```csharp\n" + firstLine;
        Assert.That(doc, Does.Contain(opening), "the sample's opening line");
        var start = doc.IndexOf(opening, StringComparison.Ordinal) + "```csharp\n".Length;
        var sample = asCompiled(doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)]);
        var compiled = File.ReadAllText(Path.Combine(root, compiledFile));

        Assert.That(compiled[(compiled.IndexOf('\n') + 1)..], Is.EqualTo(sample));
    }

    /// <summary>
    /// Asserts that the <c>csharp</c> blocks of <paramref name="page"/> are, in order and all of them, the
    /// <c>#region doc</c> … <c>#endregion</c> parts of <paramref name="compiledFile"/>, each taken without the indentation
    /// of its <c>#region</c> line. A page of many short examples can so keep each one inside the test that runs it, with
    /// the test's own setup and checks around it. The region's name after <c>doc</c> is free text, for the reader.
    /// </summary>
    /// <param name="page">The page, from the repository root, such as <c>docs/smartretail.md</c>.</param>
    /// <param name="compiledFile">The compiled file holding the regions, from the repository root.</param>
    public static void AssertRegionsShown(string page, string compiledFile)
    {
        var root = RepositoryRoot();
        var blocks = CSharpBlocks(File.ReadAllText(Path.Combine(root, page)).Replace("\r\n", "\n", StringComparison.Ordinal));
        var regions = DocRegions(File.ReadAllText(Path.Combine(root, compiledFile)).Replace("\r\n", "\n", StringComparison.Ordinal), compiledFile);

        Assert.That(regions, Is.Not.Empty, $"{compiledFile} has no #region doc");
        for (var i = 0; i < Math.Min(blocks.Count, regions.Count); i++)
            Assert.That(blocks[i], Is.EqualTo(regions[i].Text), $"block {i + 1} of {page} is not the region '{regions[i].Name}' of {compiledFile}");
        Assert.That(blocks, Has.Count.EqualTo(regions.Count), $"{page} shows {blocks.Count} csharp blocks; {compiledFile} compiles {regions.Count} regions");
    }

    /// <summary>The repository's root directory, the one holding WeChatPay.Chain.sln.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WeChatPay.Chain.sln"))) root = root.Parent;
        Assert.That(root, Is.Not.Null, "the repository root");
        return root!.FullName;
    }

    /// <summary>The text of every <c>```csharp</c> block of a page, each ending with a line break.</summary>
    private static List<string> CSharpBlocks(string doc)
    {
        const string Opening = "```csharp\n";
        var blocks = new List<string>();
        for (var start = doc.IndexOf(Opening, StringComparison.Ordinal); start >= 0; start = doc.IndexOf(Opening, start, StringComparison.Ordinal))
        {
            start += Opening.Length;
            var end = doc.IndexOf("\n```", start - 1, StringComparison.Ordinal);
            Assert.That(end, Is.GreaterThanOrEqualTo(start - 1), "a csharp block without its closing fence");
            blocks.Add(doc[start..(end + 1)]);
            start = end + 4;
        }
        return blocks;
    }

    /// <summary>The <c>#region doc</c> parts of a source file, each without its <c>#region</c> line's indentation.</summary>
    private static List<(string Name, string Text)> DocRegions(string source, string file)
    {
        var regions = new List<(string Name, string Text)>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = lines[i].TrimStart();
            if (!opening.StartsWith("#region doc", StringComparison.Ordinal)) continue;
            var indent = lines[i][..(lines[i].Length - opening.Length)];
            var name = opening["#region doc".Length..].Trim(' ', ':');
            var text = new System.Text.StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != "#endregion"; i++)
            {
                var line = lines[i];
                if (line.Length > 0 && !line.StartsWith(indent, StringComparison.Ordinal))
                    Assert.Fail($"{file}, line {i + 1}: indented less than the #region doc '{name}' it is part of");
                text.Append(line.Length == 0 ? "" : line[indent.Length..]).Append('\n');
            }
            Assert.That(i, Is.LessThan(lines.Length), $"{file}: #region doc '{name}' has no #endregion");
            regions.Add((name, text.ToString()));
        }
        return regions;
    }
}
