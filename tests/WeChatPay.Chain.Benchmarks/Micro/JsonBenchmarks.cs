using System.Text;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using WeChatPay.Chain.Benchmarks.Setup;

namespace WeChatPay.Chain.Benchmarks.Micro;

/// <summary>
/// Serialising the create payload (an anonymous object, nulls omitted) to the UTF-8 bytes that are signed and sent.
/// <see cref="As_the_client_does"/> mirrors the library's <c>RequestOptions.SerializeJson</c> line for line (it is
/// internal); keep the two in step.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly JsonSerializerSettings Settings = new() { NullValueHandling = NullValueHandling.Ignore, DateParseHandling = DateParseHandling.None };
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic] private static StringBuilder? _reusedText;

    /// <summary>The library's way: a <see cref="StreamWriter"/> with a 1 KB buffer over a <see cref="MemoryStream"/>, then <c>ToArray</c>.</summary>
    [Benchmark(Baseline = true)]
    public byte[] As_the_client_does()
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

    /// <summary>
    /// The change proposed for the library: a per-thread reused <see cref="StringBuilder"/>, encoded once into an
    /// array of the exact UTF-8 length — no stream, no writer buffers, no intermediate string.
    /// </summary>
    [Benchmark]
    public byte[] Reused_builder_exact_UTF8()
    {
        var text = _reusedText ?? new StringBuilder(1024);
        _reusedText = null;
        try
        {
            using (var json = new JsonTextWriter(new StringWriter(text, System.Globalization.CultureInfo.InvariantCulture))) Serializer.Serialize(json, SmartRetailOrder.Payload);
            var encoder = Utf8.GetEncoder();
            var length = 0;
            foreach (var chunk in text.GetChunks()) length += encoder.GetByteCount(chunk.Span, flush: false);
            length += encoder.GetByteCount([], flush: true);
            encoder.Reset();
            var bytes = new byte[length];
            var at = 0;
            foreach (var chunk in text.GetChunks()) at += encoder.GetBytes(chunk.Span, bytes.AsSpan(at), flush: false);
            encoder.GetBytes([], bytes.AsSpan(at), flush: true);
            return bytes;
        }
        finally
        {
            text.Clear();
            _reusedText = text;
        }
    }
}
