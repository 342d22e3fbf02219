using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// A <c>multipart/form-data</c> body built byte by byte, so tests know exactly what is sent and can break any part of
/// it: CRLF line ends, each part's headers, and the closing delimiter.
/// </summary>
public sealed class MultipartBody
{
    private readonly List<(string Headers, byte[] Content)> _parts = [];

    public string Boundary { get; init; } = "wxpay-sim-" + Guid.NewGuid().ToString("N");

    /// <summary>The exact bytes of the <c>meta</c> part, which the request signature covers; null when there is none.</summary>
    public byte[]? MetaBytes { get; private set; }

    public string ContentType => $"multipart/form-data; boundary={Boundary}";

    /// <summary>An upload as the docs describe it: <c>meta</c> <c>{"filename","sha256"}</c> for the file, then the file.</summary>
    public static MultipartBody Upload(byte[] file, string fileName) => new MultipartBody().Meta(MetaFor(file, fileName)).File(file, fileName);

    /// <summary>The meta JSON a careful client sends: the file name and the lower-case hex SHA-256 of the file.</summary>
    public static string MetaFor(byte[] file, string fileName) => $"{{\"filename\":\"{fileName}\",\"sha256\":\"{Sha256(file)}\"}}";

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public MultipartBody Meta(string json)
    {
        MetaBytes = Encoding.UTF8.GetBytes(json);
        return Part("Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json", MetaBytes);
    }

    public MultipartBody File(byte[] content, string fileName, string contentType = "application/octet-stream")
        => Part($"Content-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}", content);

    /// <summary>Any part, with its header lines as given (joined by CRLF, without the blank line).</summary>
    public MultipartBody Part(string headers, byte[] content)
    {
        _parts.Add((headers, content));
        return this;
    }

    /// <param name="close">False leaves out the closing <c>--boundary--</c>.</param>
    public byte[] ToBytes(bool close = true)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (headers, content) in _parts)
        {
            Write($"--{Boundary}\r\n{headers}\r\n\r\n");
            body.Write(content);
            Write("\r\n");
        }
        if (close) Write($"--{Boundary}--\r\n");
        return body.ToArray();
    }
}
