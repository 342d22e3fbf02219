using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace WeChatPay.Chain.Benchmarks.Baseline;

/// <summary>
/// What a merchant writes by hand for one APIv2 call, with the BCL only: the fields and a fresh <c>nonce_str</c> sorted
/// and signed with MD5 and the APIv2 key, written as CDATA XML, posted; the answer read with a DTD-free
/// <see cref="XmlReader"/> into a dictionary, its <c>sign</c> recomputed and compared in constant time. The yardstick
/// for the library's APIv2 path, doing the same work and no more.
/// </summary>
public sealed class HandWrittenApiV2Client(HttpClient http, Uri endpoint, string apiV2Key) : IDisposable
{
    private static readonly XmlReaderSettings Safe = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Posts <paramref name="fields"/> and returns the verified answer's length.</summary>
    public async Task<int> PostAsync(IReadOnlyDictionary<string, string> fields, bool async)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in fields) all[name] = value;
        all["nonce_str"] = RandomNumberGenerator.GetString(Alphabet, 32);
        all["sign"] = Sign(all);
        var xml = new StringBuilder("<xml>");
        foreach (var (name, value) in all) xml.Append('<').Append(name).Append("><![CDATA[").Append(value).Append("]]></").Append(name).Append('>');
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(xml.Append("</xml>").ToString(), Encoding.UTF8, "text/xml") };
        using var response = async ? await http.SendAsync(request) : http.Send(request);
        var body = async ? await response.Content.ReadAsByteArrayAsync() : ReadAll(response.Content);
        var answer = Parse(body);
        if (!answer.TryGetValue("sign", out var sign) || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(answer)), Encoding.ASCII.GetBytes(sign)))
            throw new InvalidOperationException("The answer's sign does not verify.");
        if (answer["return_code"] != "SUCCESS") throw new InvalidOperationException("return_code FAIL");
        return body.Length;
    }

    private string Sign(IDictionary<string, string> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
            if (name != "sign" && value.Length > 0) text.Append(name).Append('=').Append(value).Append('&');
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text.Append("key=").Append(apiV2Key).ToString())));
    }

    private static Dictionary<string, string> Parse(byte[] body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(new MemoryStream(body), Safe);
        reader.MoveToContent();
        reader.Read();
        while (reader.NodeType == XmlNodeType.Element) fields[reader.Name] = reader.ReadElementContentAsString();
        return fields;
    }

    private static byte[] ReadAll(HttpContent content)
    {
        using var stream = content.ReadAsStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
