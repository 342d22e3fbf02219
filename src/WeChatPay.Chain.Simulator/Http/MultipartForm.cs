using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// A <c>multipart/form-data</c> body (RFC 7578) split into its parts by a strict reader over the raw bytes. WeChat Pay's
/// upload APIs sign the bytes of the <c>meta</c> part rather than the body, so the reader must hand back each part's
/// bytes exactly as sent: no re-encoding, no trimming, and no guessing where a part ends. Anything a careful client
/// would not send is refused with 400 PARAM_ERROR naming what is wrong: a missing or over-long boundary, a body that
/// does not start with the first delimiter, a delimiter followed by anything but CRLF or <c>--</c>, a missing closing
/// delimiter, data after it, a part without <c>Content-Disposition: form-data; name=…</c>, and a name used twice.
/// </summary>
internal sealed class MultipartForm
{
    /// <summary>RFC 2046 allows boundaries of 1 to 70 characters.</summary>
    private const int MaxBoundaryLength = 70;

    /// <summary>Far above any real part header block; keeps a body without a blank line from being read as one header.</summary>
    private const int MaxHeaderBlockLength = 16 * 1024;

    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly Dictionary<string, MultipartPart> _parts;

    private MultipartForm(Dictionary<string, MultipartPart> parts) => _parts = parts;

    /// <summary>The parts by name, in no particular order.</summary>
    public IReadOnlyDictionary<string, MultipartPart> Parts => _parts;

    /// <summary>The part with this name, or null.</summary>
    public MultipartPart? Part(string name) => _parts.GetValueOrDefault(name);

    /// <summary>Whether a <c>Content-Type</c> header value announces <c>multipart/form-data</c>.</summary>
    public static bool IsMultipartFormData(string? contentType)
        => MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
           && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits <paramref name="body"/> by the boundary named in <paramref name="contentType"/>.</summary>
    /// <exception cref="ApiError">400 PARAM_ERROR: the body or its <c>Content-Type</c> is not well-formed multipart.</exception>
    public static MultipartForm Parse(string? contentType, byte[] body)
    {
        var boundary = Boundary(contentType);
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var crlfDelimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var span = body.AsSpan();

        if (!span.StartsWith(delimiter))
            throw Malformed($"the body must start with the first delimiter --{boundary} (no preamble)");
        var at = delimiter.Length;
        var parts = new Dictionary<string, MultipartPart>(StringComparer.Ordinal);
        while (true)
        {
            var rest = span[at..];
            if (rest.StartsWith("--"u8))
            {
                var epilogue = rest[2..];
                if (epilogue.Length != 0 && !epilogue.SequenceEqual(CrLf))
                    throw Malformed($"there is data after the closing delimiter --{boundary}--");
                if (parts.Count == 0) throw Malformed("the body has no parts");
                return new MultipartForm(parts);
            }
            if (!rest.StartsWith(CrLf))
                throw Malformed($"a delimiter --{boundary} must be followed by CRLF or, to close the body, by --");
            at += CrLf.Length;

            var headerLength = span[at..].IndexOf(HeaderEnd);
            if (headerLength < 0 || headerLength > MaxHeaderBlockLength)
                throw Malformed($"part {parts.Count + 1} has no blank line ending its headers");
            var headers = Encoding.UTF8.GetString(span.Slice(at, headerLength));
            at += headerLength + HeaderEnd.Length;

            var contentLength = span[at..].IndexOf(crlfDelimiter);
            if (contentLength < 0)
                throw Malformed($"part {parts.Count + 1} does not end with CRLF and the delimiter --{boundary}; the closing --{boundary}-- is missing");
            var part = ReadPart(headers, body.AsMemory(at, contentLength), parts.Count + 1);
            if (!parts.TryAdd(part.Name, part)) throw Malformed($"the part name \"{part.Name}\" is used more than once");
            at += contentLength + crlfDelimiter.Length;
        }
    }

    private static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw Malformed("Content-Type must be multipart/form-data with a boundary");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        if (boundary.Length == 0) throw Malformed("Content-Type multipart/form-data has no boundary parameter");
        if (boundary.Length > MaxBoundaryLength) throw Malformed($"the boundary is {boundary.Length} characters; RFC 2046 allows at most {MaxBoundaryLength}");
        return boundary;
    }

    private static MultipartPart ReadPart(string headerBlock, ReadOnlyMemory<byte> content, int number)
    {
        string? disposition = null;
        string? type = null;
        foreach (var line in headerBlock.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || line[0] is ' ' or '\t')
                throw Malformed($"part {number} has a header line that is not \"Name: value\"");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals(HeaderNames.ContentDisposition, StringComparison.OrdinalIgnoreCase)) disposition = value;
            else if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase)) type = value;
        }
        if (disposition is null || !ContentDispositionHeaderValue.TryParse(disposition, out var parsed) || !parsed.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            throw Malformed($"part {number} lacks Content-Disposition: form-data");
        var partName = Unquote(parsed.Name);
        if (partName is null) throw Malformed($"part {number} has no name in its Content-Disposition");
        var fileName = Unquote(parsed.FileNameStar) ?? Unquote(parsed.FileName);
        return new MultipartPart(partName, fileName, type, content);
    }

    private static string? Unquote(StringSegment value)
    {
        var text = HeaderUtilities.RemoveQuotes(value).ToString();
        return text.Length == 0 ? null : text;
    }

    private static ApiError Malformed(string issue) => ApiError.Param("multipart", issue);
}
