using System.Text;
using System.Xml;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// APIv2's message form: a flat <c>&lt;xml&gt;</c> element whose children are the fields, each value in CDATA. Read as
/// hostile input: no DTD (a document with a <c>DOCTYPE</c> is refused, so no entity of any kind is expanded and nothing
/// external is fetched), a cap on characters and on depth, and a field named twice refused rather than one of the two
/// silently chosen.
/// </summary>
public static class ApiV2Xml
{
    /// <summary>The most characters a message may have: APIv2 answers and notifications are a few kilobytes.</summary>
    public const int MaxCharacters = 1024 * 1024;

    /// <summary>How deep elements may nest: the fields are at depth 1, and the few nested answers (red packet lists) use 3.</summary>
    public const int MaxDepth = 8;

    /// <summary>The content type APIv2 requests are sent with.</summary>
    internal const string ContentType = "text/xml; charset=utf-8";

    /// <summary>What APIv2 answers may be: XML, plain text and gzip files.</summary>
    internal const string Accept = "text/xml, text/plain, application/x-gzip";

    /// <summary>
    /// The document for <paramref name="fields"/>, in the order given. A name must be an XML name of ASCII letters, digits
    /// and <c>_</c>; a value any text XML can carry (a <c>]]&gt;</c> inside it is split across two CDATA sections).
    /// </summary>
    /// <exception cref="RequestOptionsException">A name or value cannot be written as APIv2 XML.</exception>
    public static string Write(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var xml = new StringBuilder("<xml>");
        foreach (var (name, value) in fields)
        {
            if (!IsFieldName(name))
                throw new RequestOptionsException($"xml has a field named '{Printable(name)}'; APIv2 field names are ASCII letters, digits and _ (such as out_trade_no), starting with a letter or _.");
            if (NotInXml(value) is { } bad)
                throw new RequestOptionsException($"xml field '{name}' holds the control character U+{(int)bad:X4}, which XML cannot carry; remove it.");
            // Replace hands back the same string when there is no ]]> to split.
            xml.Append('<').Append(name).Append("><![CDATA[").Append(value.Replace("]]>", "]]]]><![CDATA[>")).Append("]]></").Append(name).Append('>');
        }
        return xml.Append("</xml>").ToString();
    }

    /// <summary>
    /// The fields of an APIv2 document, in document order. A field holding elements of its own keeps them as their XML
    /// text (as in the red packet list), so nothing is dropped.
    /// </summary>
    /// <param name="body">The document's bytes.</param>
    /// <param name="what">What the document is, for messages (<c>POST /pay/micropay's answer</c>).</param>
    /// <exception cref="ResponseFormatException">The body is not a flat APIv2 document within the caps; the message says why.</exception>
    public static ApiV2Fields Read(byte[] body, string what = "The APIv2 message") => Read(body, what, "xml");

    /// <summary>As <see cref="Read(byte[], string)"/>, for a document whose root is <paramref name="root"/> (a refund's <c>req_info</c> is a <c>&lt;root&gt;</c>).</summary>
    internal static ApiV2Fields Read(byte[] body, string what, string root)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return new ApiV2Fields(Fields(body, what, root));
        }
        catch (XmlException e)
        {
            var reason = e.Message.Contains("DTD", StringComparison.Ordinal)
                ? "it has a DOCTYPE, which APIv2 messages never carry and which could define entities; it was refused unread"
                : e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase)
                    ? $"it is longer than {MaxCharacters:N0} characters"
                    : $"it is not well-formed XML ({e.Message})";
            throw new ResponseFormatException($"{what} cannot be read as APIv2 XML: {reason}.", e);
        }
    }

    /// <summary>Whether <paramref name="body"/> begins, after white space and a byte order mark, with <c>&lt;</c>: XML rather than a file.</summary>
    internal static bool LooksLikeXml(ReadOnlySpan<byte> body) => AfterPreamble(body) is [(byte)'<', ..];

    /// <summary>The fields: in the form WeChat Pay writes, read <see cref="Plain">plainly</see>; anything else by an <see cref="XmlReader"/>.</summary>
    private static Dictionary<string, string> Fields(byte[] body, string what, string root) => Plain(body, root) ?? ReadByReader(body, what, root);

    /// <summary>
    /// The fields of a document in the form WeChat Pay writes — the root, and in it fields each holding one CDATA section
    /// or plain text, white space between — read straight from the bytes, several times faster than an
    /// <see cref="XmlReader"/>. Null for anything else, which <see cref="ReadByReader"/> then reads or refuses with its
    /// reason: an XML declaration, a DOCTYPE, a comment, an entity or character reference, an attribute, a carriage
    /// return (which XML would normalise), nesting, a field named twice, a character XML cannot carry, bytes that are not
    /// UTF-8, a body over the cap. What this reads, the reader reads the same.
    /// </summary>
    internal static Dictionary<string, string>? Plain(ReadOnlySpan<byte> xml, string root)
    {
        if (xml.Length > MaxCharacters) return null;
        xml = AfterPreamble(xml);
        if (!Tag(ref xml, root, closing: false)) return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            if (Tag(ref SkipSpaces(ref xml), root, closing: true)) return SkipSpaces(ref xml).IsEmpty ? fields : null;
            var nameLength = xml.Length > 1 && xml[0] == '<' ? NameLength(xml[1..]) : 0;
            if (nameLength == 0 || xml.Length < nameLength + 2 || xml[nameLength + 1] != '>') return null;
            var name = xml.Slice(1, nameLength);
            xml = xml[(nameLength + 2)..];
            ReadOnlySpan<byte> value;
            if (xml.StartsWith(CDataStart))
            {
                var length = xml[CDataStart.Length..].IndexOf(CDataEnd);
                if (length < 0) return null;
                value = xml.Slice(CDataStart.Length, length);
                xml = xml[(CDataStart.Length + length + CDataEnd.Length)..];
            }
            else
            {
                var length = xml.IndexOf((byte)'<');
                if (length < 0) return null;
                value = xml[..length];
                if (value.IndexOf((byte)'&') >= 0 || value.IndexOf(CDataEnd) >= 0) return null;
                xml = xml[length..];
            }
            if (xml.Length < nameLength + 3 || xml[0] != '<' || xml[1] != '/' || !xml.Slice(2, nameLength).SequenceEqual(name) || xml[nameLength + 2] != '>') return null;
            xml = xml[(nameLength + 3)..];
            var key = Encoding.ASCII.GetString(name);
            if (Text(value) is not { } text || fields.ContainsKey(key)) return null;
            fields.Add(key, text);
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> CDataStart => "<![CDATA["u8;

    private static ReadOnlySpan<byte> CDataEnd => "]]>"u8;

    /// <summary>The document after a byte order mark and the white space before its first tag.</summary>
    private static ReadOnlySpan<byte> AfterPreamble(ReadOnlySpan<byte> xml)
    {
        if (xml.StartsWith(Utf8Bom)) xml = xml[Utf8Bom.Length..];
        return SkipSpaces(ref xml);
    }

    /// <summary>Moves past XML white space; returns the rest, for chaining.</summary>
    private static ref ReadOnlySpan<byte> SkipSpaces(ref ReadOnlySpan<byte> xml)
    {
        var i = 0;
        while (i < xml.Length && xml[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
        xml = xml[i..];
        return ref xml;
    }

    /// <summary>Moves past <c>&lt;root&gt;</c> (or <c>&lt;/root&gt;</c>) when the text starts with it, exactly.</summary>
    private static bool Tag(ref ReadOnlySpan<byte> xml, string root, bool closing)
    {
        var at = closing ? 2 : 1;
        if (xml.Length < root.Length + at + 1 || xml[0] != '<' || (closing && xml[1] != '/') || xml[root.Length + at] != '>') return false;
        for (var i = 0; i < root.Length; i++)
        {
            if (xml[at + i] != root[i]) return false;
        }
        xml = xml[(root.Length + at + 1)..];
        return true;
    }

    /// <summary>The length of the field name <paramref name="xml"/> starts with (ASCII letters, digits and <c>_</c>, not first a digit); 0 when none.</summary>
    private static int NameLength(ReadOnlySpan<byte> xml)
    {
        var i = 0;
        while (i < xml.Length && (xml[i] is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_' || (i > 0 && xml[i] is >= (byte)'0' and <= (byte)'9'))) i++;
        return i;
    }

    /// <summary>
    /// A value's text; null when a byte is a control character XML cannot carry or a carriage return, when the bytes are
    /// not UTF-8 (decoded as U+FFFD), when they hold U+FFFE or U+FFFF, which XML cannot carry, or a U+FFFD of their own (left to the reader).
    /// </summary>
    private static string? Text(ReadOnlySpan<byte> value)
    {
        var ascii = true;
        foreach (var b in value)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n')) return null;
            ascii &= b < 0x80;
        }
        if (ascii) return Encoding.ASCII.GetString(value);
        var text = Encoding.UTF8.GetString(value);
        return text.AsSpan().IndexOfAny('\uFFFD', '\uFFFE', '\uFFFF') >= 0 ? null : text;
    }

    /// <summary>The fields, in one pass of an <see cref="XmlReader"/>: the root checked, then each child of it read with its depth capped.</summary>
    internal static Dictionary<string, string> ReadByReader(byte[] body, string what, string root)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new MemoryStream(body, writable: false), Settings);
        // A document without a root element is an XmlException here ("Root element is missing"), as is text outside it.
        reader.MoveToContent();
        if (reader.Name != root) throw Refused(what, $"its root element is <{Printable(reader.Name)}>, not <{root}>");
        if (reader.IsEmptyElement) return Finished(reader, fields);
        reader.Read();
        while (reader.Depth >= 1)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var name = reader.Name;
                    if (fields.ContainsKey(name)) throw Refused(what, $"the field <{Printable(name)}> appears twice, so which one was meant (and signed) is unclear");
                    fields[name] = Value(reader, what);
                    continue;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    throw Refused(what, $"it has text directly inside <{root}>, outside any field");
            }
            reader.Read();
        }
        return Finished(reader, fields);
    }

    /// <summary>Reads to the end, so that whatever follows the root (a second root, junk) is refused as not well-formed.</summary>
    private static Dictionary<string, string> Finished(XmlReader reader, Dictionary<string, string> fields)
    {
        while (reader.Read()) { }
        return fields;
    }

    /// <summary>
    /// A field's text (its text and CDATA nodes joined), or, when it holds elements, the XML of what it holds; leaves the
    /// reader after the field's end.
    /// </summary>
    private static string Value(XmlReader reader, string what)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        reader.Read();
        string? text = null;
        StringBuilder? more = null;
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element) return Inner(reader, what, (more?.ToString() ?? text) ?? "");
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (text is null) text = reader.Value;
                else (more ??= new StringBuilder(text)).Append(reader.Value);
            }
            reader.Read();
        }
        reader.Read();
        return more?.ToString() ?? text ?? "";
    }

    /// <summary>
    /// The XML a field holds from its first element on (the text before it escaped), copied node by node so that the
    /// depth is checked as it goes; leaves the reader after the field's end.
    /// </summary>
    private static string Inner(XmlReader reader, string what, string textBefore)
    {
        var fieldDepth = reader.Depth - 1;
        var xml = new StringBuilder();
        using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
        {
            writer.WriteString(textBefore);
            while (reader.Depth > fieldDepth)
            {
                if (reader.Depth > MaxDepth) throw Refused(what, $"its elements nest deeper than {MaxDepth} levels");
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                        writer.WriteAttributes(reader, defattr: false);
                        if (reader.IsEmptyElement) writer.WriteEndElement();
                        break;
                    case XmlNodeType.EndElement:
                        writer.WriteFullEndElement();
                        break;
                    case XmlNodeType.CDATA:
                        writer.WriteCData(reader.Value);
                        break;
                    case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        writer.WriteString(reader.Value);
                        break;
                }
                reader.Read();
            }
        }
        reader.Read();
        return xml.ToString();
    }

    /// <summary>No DTD (a DOCTYPE is an error), nothing resolved, no entity characters, a character cap; shared, as nothing changes it.</summary>
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static bool IsFieldName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        }
        return true;
    }

    /// <summary>The first character of <paramref name="value"/> that XML 1.0 cannot carry (C0 controls but tab and line breaks, U+FFFE, U+FFFF); null when none.</summary>
    private static char? NotInXml(string value)
    {
        var span = value.AsSpan();
        for (var from = 0; span[from..].IndexOfAnyInRange('\0', '\u001F') is var at and >= 0; from += at + 1)
        {
            if (span[from + at] is not ('\t' or '\n' or '\r')) return span[from + at];
        }
        var high = span.IndexOfAny('\uFFFE', '\uFFFF');
        return high < 0 ? null : span[high];
    }

    private static ResponseFormatException Refused(string what, string reason) => new($"{what} cannot be read as APIv2 XML: {reason}.", null);

    private static string Printable(string s) => string.Concat(s.Take(40).Select(c => c < ' ' || c >= 127 ? '?' : c));
}
