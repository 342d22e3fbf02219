using System.Text;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// Serialising the create payload (an anonymous object, nulls omitted) to the UTF-8 bytes that are signed and sent.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, DateParseHandling = DateParseHandling.None };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The library's way (<c>JsonBody</c>): a per-thread reused builder and the text kept (Flurl's captured string content
    /// sends it, and its <c>HttpTest</c> assertions read it), checked to have a UTF-8 form; the signature is then made over
    /// its UTF-8 in a pooled buffer, so no array of the bytes is kept.
    /// </summary>
    [Benchmark(Baseline = true)]
    public string As_the_client_does() => JsonBody.Checked(JsonBody.Serialize(SmartRetailOrder.Payload), "json");

    /// <summary>The library's earlier way: a <see cref="StreamWriter"/> with a 1 KB buffer over a <see cref="MemoryStream"/>, then <c>ToArray</c>.</summary>
    [Benchmark]
    public byte[] StreamWriter_over_MemoryStream()
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Utf8, 1024, leaveOpen: true))
            Serializer.Serialize(writer, SmartRetailOrder.Payload);
        return buffer.ToArray();
    }

    /// <summary>The everyday way: <see cref="JsonConvert.SerializeObject(object, JsonSerializerSettings)"/> (a serializer per call), then UTF-8.</summary>
    [Benchmark]
    public byte[] JsonConvert_then_UTF8() => Utf8.GetBytes(JsonConvert.SerializeObject(SmartRetailOrder.Payload, Settings));

    /// <summary>The baseline's way: one cached serializer into a <see cref="StringWriter"/> sized for the payload, then UTF-8.</summary>
    [Benchmark]
    public byte[] StringWriter_presized_then_UTF8()
    {
        using var writer = new StringWriter(new StringBuilder(512), System.Globalization.CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(writer)) Serializer.Serialize(json, SmartRetailOrder.Payload);
        return Utf8.GetBytes(writer.GetStringBuilder().ToString());
    }
}
