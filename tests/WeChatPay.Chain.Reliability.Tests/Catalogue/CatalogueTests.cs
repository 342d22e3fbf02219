using System.Reflection;
using System.Text.RegularExpressions;
using WeChatPay.Chain.Reliability.Tests.Load;

namespace WeChatPay.Chain.Reliability.Tests.Catalogue;

/// <summary>
/// Keeps docs/reliability.md honest: every row names tests that exist, rows and <c>[Ignore("library bug: …")]</c>
/// agree, every case the issue lists is still there, and the figures are the ones the tests run with.
/// </summary>
public partial class CatalogueTests
{
    private const string LibraryBug = "library bug";

    /// <summary>The cases issue 6 asks the catalogue to cover, as words its "case" column must hold.</summary>
    private static readonly string[] RequiredCases =
    [
        "malformed PEM", "wrong key type", "encrypted PKCS#8", "empty key", "empty `Certs`", "merchant serial in `Certs`", "non-HTTPS `BaseUri`",
        "APIv3 key of the wrong length", "`/`, `..`, `?`, `#`, `%`, CR/LF", "very long", "header names and values with CR/LF", "unsupported shapes",
        "cannot be serialised", "cancelled", "missing `Wechatpay-*`", "duplicated `Wechatpay-*`", "±299", "±301", "non-numeric", "unknown serial",
        "signature empty", "not Base64", "truncated signature", "probe", "valid for another body", "2xx with an empty body", "non-JSON",
        "truncated body", "huge body", "HTML 502", "reset mid-body", "slow", "wrong APIv3 key", "flipped ciphertext bit", "wrong AAD",
        "unknown algorithm", "missing fields", "replay",
    ];

    private static readonly string[] ProjectsIndexed =
        ["WeChatPay.Chain.Tests", "WeChatPay.Chain.Simulator.Tests", "WeChatPay.Chain.AspNetCore.Tests", "WeChatPay.Chain.PropertyTests", "WeChatPay.Chain.Reliability.Tests"];

    private static readonly Lazy<IReadOnlyList<CatalogueRow>> Rows = new(() => CatalogueDocument.Rows(CatalogueDocument.Text()));

    private static readonly Dictionary<string, TestIndex> Indexes = [];

    private static TestIndex Index(string project)
    {
        lock (Indexes)
        {
            if (Indexes.TryGetValue(project, out var index)) return index;
            var path = Repository.AssemblyOf(project);
            Assert.That(File.Exists(path), Is.True, $"{project} is built (at {path}); the catalogue names its tests");
            return Indexes[project] = TestIndex.Read(path);
        }
    }

    [Test]
    public void The_catalogue_has_rows_each_naming_at_least_one_test()
    {
        Assert.That(Rows.Value, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(Rows.Value.Select(r => r.Id), Is.Unique);
        foreach (var row in Rows.Value)
            Assert.That(row.Tests, Is.Not.Empty, $"row {row.Id} ({row.Case}) names a test");
    }

    [Test]
    public void The_stated_numbers_of_rows_and_tests_are_the_catalogues()
    {
        var stated = CasesStated().Match(CatalogueDocument.Text());
        Assert.That(stated.Success, Is.True, "the figures say how many rows and tests the catalogue has");
        Assert.That(int.Parse(stated.Groups[1].Value), Is.EqualTo(Rows.Value.Count), "rows");
        Assert.That(int.Parse(stated.Groups[2].Value), Is.EqualTo(Rows.Value.SelectMany(r => r.Tests).Distinct().Count()), "distinct tests named");
    }

    [Test]
    public void Every_test_a_row_names_exists_in_its_file_and_in_its_built_assembly()
    {
        var missing = new List<string>();
        foreach (var row in Rows.Value)
        {
            foreach (var test in row.Tests)
            {
                var file = Path.Combine(Repository.Root, test.File);
                if (!File.Exists(file)) missing.Add($"{row.Id}: no file {test.File}");
                else if (!Regex.IsMatch(File.ReadAllText(file), $@"\b{Regex.Escape(test.Method)}\s*\(")) missing.Add($"{row.Id}: {test.File} has no {test.Method}");
                else if (!Index(test.Project).Has(test.Class, test.Method)) missing.Add($"{row.Id}: {test.Project} has no test {test.Class}.{test.Method}");
            }
        }
        Assert.That(missing, Is.Empty, string.Join("\n", missing));
    }

    [Test]
    public void Rows_say_library_bug_exactly_where_their_tests_are_ignored_as_one()
    {
        var disagreements = new List<string>();
        foreach (var row in Rows.Value)
        {
            var saysBug = row.Behaviour.Contains(LibraryBug, StringComparison.OrdinalIgnoreCase);
            var ignoredAsBug = row.Tests.Any(t => Index(t.Project).IgnoreReason(t.Class, t.Method)?.StartsWith(LibraryBug, StringComparison.Ordinal) == true);
            if (saysBug != ignoredAsBug)
                disagreements.Add($"{row.Id}: the row {(saysBug ? "says" : "does not say")} '{LibraryBug}' but {(ignoredAsBug ? "a" : "no")} test it names is ignored as one");
        }
        Assert.That(disagreements, Is.Empty, string.Join("\n", disagreements));
    }

    [Test]
    public void Every_test_ignored_as_a_library_bug_is_in_the_catalogue()
    {
        var named = Rows.Value.SelectMany(r => r.Tests).Select(t => (t.Class, t.Method)).ToHashSet();
        var unlisted = ProjectsIndexed
            .SelectMany(project => Index(project).Tests
                .Where(t => t.IgnoreReason?.StartsWith(LibraryBug, StringComparison.Ordinal) == true && !named.Contains((t.Class, t.Method)))
                .Select(t => $"{project}: {t.Class}.{t.Method}"))
            .ToArray();
        Assert.That(unlisted, Is.Empty, "a known library bug with no row in docs/reliability.md");
    }

    [Test]
    public void Every_case_the_issue_lists_is_in_the_catalogue()
    {
        var cases = string.Join("\n", Rows.Value.Select(r => r.Case));
        Assert.That(RequiredCases.Where(c => !cases.Contains(c, StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public void The_figures_are_the_ones_the_tests_run_with()
    {
        var document = CatalogueDocument.Text();
        var figures = CatalogueDocument.Figures(document);
        var propertyTests = Path.Combine(Repository.Root, "tests", "WeChatPay.Chain.PropertyTests");
        var cases = File.ReadAllText(Path.Combine(propertyTests, "Support", "Cases.cs"));
        var properties = string.Join("\n", Directory.EnumerateFiles(propertyTests, "*.cs", SearchOption.TopDirectoryOnly).Select(File.ReadAllText));
        Assert.That(figures.Count(f => f.Constant.StartsWith("Cases.", StringComparison.Ordinal)), Is.EqualTo(CaseConstant().Matches(cases).Count), "every property's count is reported");
        long iterations = 0;
        foreach (var (constant, value) in figures)
        {
            var name = constant.Split('.')[1];
            if (constant.StartsWith("Cases.", StringComparison.Ordinal))
            {
                var actual = long.Parse(Regex.Match(cases, $@"\b{name} = ([\d_]+);").Groups[1].Value.Replace("_", "", StringComparison.Ordinal));
                Assert.That(value, Is.EqualTo(actual), $"{constant} in {CatalogueDocument.PathInRepository}");
                Assert.That(Regex.Matches(properties, $@"\bCases\.{name}\b").Count, Is.EqualTo(1), $"{constant} is the count of exactly one property, so the table has a row per property");
                iterations += actual;
            }
            else
            {
                var actual = Convert.ToInt64(typeof(LoadFigures).GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue());
                Assert.That(value, Is.EqualTo(actual), $"{constant} in {CatalogueDocument.PathInRepository}");
            }
        }
        var stated = IterationsStated().Match(document);
        Assert.That(stated.Success, Is.True, "the figures name the total of generated cases");
        Assert.That(long.Parse(stated.Groups[1].Value.Replace(",", "", StringComparison.Ordinal)), Is.EqualTo(iterations), "the stated total is the sum of the Cases.* rows");
    }

    [GeneratedRegex(@"\*\*Cases tried\*\*: (\d+) catalogue rows below, naming (\d+) tests")]
    private static partial Regex CasesStated();

    [GeneratedRegex(@"\*\*Iterations\*\*: ([\d,]+) generated cases")]
    private static partial Regex IterationsStated();

    [GeneratedRegex(@"public const int \w+ = [\d_]+;")]
    private static partial Regex CaseConstant();
}
