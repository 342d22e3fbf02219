using System.Text;

namespace WeChatPay.Chain.Benchmarks.Reporting;

/// <summary>A Markdown table that prints aligned in a terminal and pastes as is into docs/benchmarks.md.</summary>
/// <param name="columns">The column headings.</param>
public sealed class Table(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row; cells beyond the headings are ignored, missing ones left blank.</summary>
    public Table Add(params object[] cells)
    {
        _rows.Add([.. columns.Select((_, i) => i < cells.Length ? Format(cells[i]) : "")]);
        return this;
    }

    /// <summary>Writes the table with its columns padded to the widest cell.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = columns.Select((heading, i) => Math.Max(heading.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(columns, widths));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))], widths));
        foreach (var row in _rows) output.WriteLine(Line(row, widths));
        output.WriteLine();
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder("|");
        for (var i = 0; i < cells.Length; i++) line.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        return line.ToString();
    }

    private static string Format(object cell) => cell switch
    {
        double d when double.IsNaN(d) => "n/a",
        double d => d.ToString(Math.Abs(d) >= 100 ? "N0" : "0.00", System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
