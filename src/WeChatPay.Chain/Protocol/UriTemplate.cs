using System.Text;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// A path template such as <c>v3/payscore/smartretail-orders/{out_order_no}/cancel</c>, parsed once.
/// Literal text is kept verbatim (only characters a URL cannot hold are percent-encoded); each placeholder value is
/// encoded as exactly one path segment, so no value can add a segment, a query or a fragment.
/// </summary>
internal sealed class UriTemplate
{
    private readonly string[] _literals;
    private readonly string[] _placeholders;

    /// <summary>Parses a template.</summary>
    /// <exception cref="RequestOptionsException">
    /// A brace is unbalanced, a placeholder is unnamed, the text holds <c>?</c> or <c>#</c>, or a segment is <c>.</c> or <c>..</c>.
    /// </exception>
    public UriTemplate(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
        RefuseDotSegments(template);
        var literals = new List<string>();
        var placeholders = new List<string>();
        var at = 0;
        while (true)
        {
            var open = template.IndexOfAny(['{', '}'], at);
            if (open < 0)
            {
                literals.Add(Literal(template[at..]));
                break;
            }
            var close = template.IndexOf('}', open + 1);
            if (template[open] == '}' || close < 0 || template.IndexOf('{', open + 1, close - open - 1) >= 0)
                throw new RequestOptionsException($"The path '{template}' has an unbalanced brace at position {open}. Placeholders are written {{name}}.");
            if (close == open + 1)
                throw new RequestOptionsException($"The path '{template}' has an unnamed placeholder {{}}.");
            literals.Add(Literal(template[at..open]));
            placeholders.Add(template[(open + 1)..close]);
            at = close + 1;
        }
        _literals = [.. literals];
        _placeholders = [.. placeholders];
    }

    /// <summary>The template as given.</summary>
    public string Template { get; }

    /// <summary>Whether this is an APIv2 path (<c>v2/…</c>).</summary>
    public bool IsApiV2 => ApiV2Paths.IsApiV2(Template);

    /// <summary>For an APIv2 path, the path APIv2 serves it at (the template without <c>v2/</c>), parsed once and kept.</summary>
    public UriTemplate ApiV2Target => _apiV2Target ??= new UriTemplate(Template[ApiV2Paths.Prefix.Length..]);

    private UriTemplate? _apiV2Target;

    /// <summary>The placeholder names, in order (a name used twice appears twice).</summary>
    public IReadOnlyList<string> Placeholders => _placeholders;

    /// <summary>
    /// Fills the placeholders and returns the encoded path. Values are percent-encoded as one segment
    /// (<c>/ ? # %</c>, spaces, CR/LF and non-ASCII included).
    /// </summary>
    /// <param name="valueOf">Returns the value of a placeholder, or null when none was given.</param>
    /// <exception cref="RequestOptionsException">A value is missing, empty, or <c>.</c>/<c>..</c>.</exception>
    public string Expand(Func<string, string?> valueOf)
    {
        if (_placeholders.Length == 0) return _literals[0];
        var path = new StringBuilder(_literals[0]);
        for (var i = 0; i < _placeholders.Length; i++)
        {
            var name = _placeholders[i];
            var value = valueOf(name)
                ?? throw new RequestOptionsException($"The path '{Template}' needs a value for {{{name}}}: pass it in the options, e.g. new {{ {name} = \"…\" }}.");
            if (value.Length == 0 || value is "." or "..")
                throw new RequestOptionsException($"The value for {{{name}}} in '{Template}' is '{value}', which would change the path's shape; give the real {name}.");
            path.Append(PercentEncoding.EncodeComponent(value)).Append(_literals[i + 1]);
        }
        return path.ToString();
    }

    /// <summary>
    /// For a template without placeholders, its absolute URI under <paramref name="baseUri"/>, made once and kept
    /// (a <see cref="Uri"/> is immutable and safe to share between requests and threads).
    /// </summary>
    internal Uri AbsoluteUnder(string baseUri)
    {
        if (_absolute is { } kept && ReferenceEquals(kept.BaseUri, baseUri)) return kept.Uri;
        var uri = VerbatimUri.Create(baseUri + _literals[0]);
        _absolute = new AbsoluteUri(baseUri, uri);
        return uri;
    }

    /// <inheritdoc />
    public override string ToString() => Template;

    private sealed record AbsoluteUri(string BaseUri, Uri Uri);

    private AbsoluteUri? _absolute;

    /// <summary>
    /// A server that resolved <c>.</c> or <c>..</c> (written plainly or as <c>%2e</c>) would answer for another path
    /// than the one the client judged the answer by (signed, or an unsigned download), so such paths are not sent.
    /// </summary>
    internal static void RefuseDotSegments(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (IsDotSegment(segment))
                throw new RequestOptionsException($"The path '{path}' has a '{segment}' segment, which a server would resolve to another path than the one the client checks the answer for. Write the path without it.");
        }
    }

    /// <summary>Whether the segment is one or two dots, each written as <c>.</c> or <c>%2e</c> in either case.</summary>
    private static bool IsDotSegment(string segment)
    {
        var dots = 0;
        for (var i = 0; i < segment.Length; dots++)
        {
            if (segment[i] == '.') i++;
            else if (i + 2 < segment.Length && segment[i] == '%' && segment[i + 1] == '2' && (segment[i + 2] | 0x20) == 'e') i += 3;
            else return false;
        }
        return dots is 1 or 2;
    }

    private string Literal(string text)
    {
        if (text.IndexOfAny(['?', '#']) >= 0)
            throw new RequestOptionsException($"The path '{Template}' contains '?' or '#'. Give query parameters in the query option, e.g. new {{ query = new {{ mchid = \"…\" }} }}.");
        return PercentEncoding.EncodePathLiteral(text);
    }
}
