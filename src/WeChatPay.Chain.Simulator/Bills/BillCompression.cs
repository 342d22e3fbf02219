using System.IO.Compression;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>Bills asked for with <c>tar_type=GZIP</c> go out as one gzip member holding the CSV.</summary>
internal static class BillCompression
{
    public const string Gzip = "GZIP";

    public static byte[] Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }
}
