using System.Text;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// The text layout of WeChat Pay bills: UTF-8, comma-separated, CRLF line ends; a header line, detail lines, a summary
/// header and a summary line, with every detail and summary field preceded by a backquote (<c>`</c>) so that
/// spreadsheets keep long numbers as text.
/// </summary>
internal sealed class BillCsv
{
    private readonly StringBuilder _text = new();

    public BillCsv Header(IReadOnlyList<string> names) => Line(names, quote: false);

    public BillCsv Fields(IReadOnlyList<string> values) => Line(values, quote: true);

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_text.ToString());

    private BillCsv Line(IReadOnlyList<string> values, bool quote)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) _text.Append(',');
            if (quote) _text.Append('`');
            _text.Append(values[i]);
        }
        _text.Append("\r\n");
        return this;
    }
}
