using System.Text.RegularExpressions;

namespace WeChatPay.Chain.Reliability.Tests.Catalogue;

/// <summary>
/// Reads docs/reliability.md: catalogue rows (<c>| K1 | case | behaviour | tests |</c>, where the tests cell names
/// <c>`tests/….cs`</c> files each followed by <c>`Test_method`</c> names) and figure rows
/// (<c>| what | `Cases.Name` | 5,000 |</c>).
/// </summary>
internal static partial class CatalogueDocument
{
    public static string PathInRepository => "docs/reliability.md";

    public static string Text() => File.ReadAllText(Path.Combine(Repository.Root, PathInRepository));

    public static IReadOnlyList<CatalogueRow> Rows(string markdown)
    {
        var rows = new List<CatalogueRow>();
        foreach (var cells in TableRows(markdown))
        {
            if (cells.Length < 4 || !RowId().IsMatch(cells[0])) continue;
            rows.Add(new CatalogueRow(cells[0], cells[1], cells[2], References(cells[3])));
        }
        return rows;
    }

    /// <summary>Figure rows: the constant named (<c>Cases.X</c>, <c>LoadFigures.X</c>) and the number the document gives.</summary>
    public static IReadOnlyList<(string Constant, long Value)> Figures(string markdown)
    {
        var figures = new List<(string, long)>();
        foreach (var cells in TableRows(markdown))
        {
            if (cells.Length < 3) continue;
            var constant = FigureConstant().Match(cells[1]);
            if (constant.Success && long.TryParse(cells[2].Replace(",", "", StringComparison.Ordinal), out var value))
                figures.Add((constant.Groups[1].Value, value));
        }
        return figures;
    }

    private static IEnumerable<string[]> TableRows(string markdown)
        => markdown.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('|') && line.EndsWith('|'))
            .Select(line => line[1..^1].Split('|').Select(cell => cell.Trim()).ToArray());

    private static List<TestReference> References(string cell)
    {
        var references = new List<TestReference>();
        string? file = null;
        foreach (Match quoted in Quoted().Matches(cell))
        {
            var text = quoted.Groups[1].Value;
            if (text.EndsWith(".cs", StringComparison.Ordinal)) file = text;
            else if (file is not null) references.Add(new TestReference(file, text));
        }
        return references;
    }

    [GeneratedRegex("^[A-Z]\\d+$")]
    private static partial Regex RowId();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex("^`((?:Cases|LoadFigures)\\.\\w+)`$")]
    private static partial Regex FigureConstant();
}
