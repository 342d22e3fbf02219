namespace WeChatPay.Chain.Reliability.Tests.Catalogue;

/// <summary>One test named by a row: the source file (relative to the repository) and the test method.</summary>
internal sealed record TestReference(string File, string Method)
{
    /// <summary>The test project, the folder under <c>tests/</c>.</summary>
    public string Project => File.Split('/')[1];

    /// <summary>The class, named as its file is (one concept per file; a part of a partial class is <c>Class.Part.cs</c>).</summary>
    public string Class => Path.GetFileNameWithoutExtension(File).Split('.')[0];

    public override string ToString() => $"{File} {Method}";
}

/// <summary>One row of the catalogue in docs/reliability.md: an id such as <c>R4</c>, the case, the behaviour, and the tests.</summary>
internal sealed record CatalogueRow(string Id, string Case, string Behaviour, IReadOnlyList<TestReference> Tests);
