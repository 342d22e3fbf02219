using System.Collections;
using System.Net.Http.Headers;

namespace WeChatPay.Chain.Compatibility;

/// <summary>A header's values as received, as .NET 10's <c>HeaderStringValues</c> gives them.</summary>
internal readonly struct HeaderStringValues(string[] values) : IEnumerable<string>
{
    /// <summary>How many values.</summary>
    public int Count => values.Length;

    /// <summary>The values joined with ", ".</summary>
    public override string ToString() => string.Join(", ", values);

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// .NET 10's <c>HttpHeaders.NonValidated</c> view, built on netstandard2.0's validated one (which may parse values;
/// the <c>Wechatpay-*</c> headers have no parser, so they come through unchanged).
/// </summary>
internal readonly struct NonValidatedHeaders(HttpHeaders headers) : IEnumerable<KeyValuePair<string, HeaderStringValues>>
{
    /// <summary>The values of <paramref name="name"/>, if present.</summary>
    public bool TryGetValues(string name, out HeaderStringValues values)
    {
        values = headers.TryGetValues(name, out var found) ? new HeaderStringValues(found.ToArray()) : default;
        return found is not null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, HeaderStringValues>> GetEnumerator()
        => headers.Select(h => new KeyValuePair<string, HeaderStringValues>(h.Key, new HeaderStringValues(h.Value.ToArray()))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Adds <c>NonValidated</c> to the headers of netstandard2.0.</summary>
internal static class NonValidatedHeadersExtension
{
    extension(HttpHeaders headers)
    {
        /// <summary>The headers as received.</summary>
        public NonValidatedHeaders NonValidated => new(headers);
    }
}
