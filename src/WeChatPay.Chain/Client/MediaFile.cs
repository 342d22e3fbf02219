using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>
/// A file for WeChat Pay's media uploads (<c>v3/merchant/media/upload</c>, <c>…/video_upload</c>,
/// <c>v3/marketing/favor/media/image-upload</c>, <c>v3/merchant-service/images/upload</c>). Pass it as the <c>media</c>
/// option: the client sends <c>multipart/form-data</c> with a <c>meta</c> part <c>{"filename","sha256"}</c> and a
/// <c>file</c> part, and signs exactly the meta JSON it sends, as WeChat Pay requires.
/// </summary>
public sealed class MediaFile
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".bmp"] = "image/bmp", [".gif"] = "image/gif",
        [".mp4"] = "video/mp4", [".avi"] = "video/x-msvideo", [".wmv"] = "video/x-ms-wmv", [".mpeg"] = "video/mpeg",
        [".mov"] = "video/quicktime", [".mkv"] = "video/x-matroska", [".flv"] = "video/x-flv", [".f4v"] = "video/x-f4v",
        [".m4v"] = "video/x-m4v", [".rmvb"] = "application/vnd.rn-realmedia-vbr",
    };

    private MediaFile(string fileName, byte[] content, object? meta)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Any(c => c is '"' or '\r' or '\n' or '\0' or '/' or '\\'))
            throw new RequestOptionsException("A media file name must be a plain file name, without quotes, slashes or line breaks.");
        FileName = fileName;
        Content = content;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(fileName), "application/octet-stream");
        Meta = BuildMeta(meta);
        MetaBytes = JsonBody.Encode(Meta, "media meta");
    }

    /// <summary>The file name sent in <c>meta</c> and in the <c>file</c> part.</summary>
    public string FileName { get; }

    /// <summary>The file's bytes.</summary>
    public byte[] Content { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>, as sent in <c>meta</c>.</summary>
    public string Sha256 { get; }

    /// <summary>The content type of the <c>file</c> part, from the file name's extension.</summary>
    public string ContentType { get; }

    /// <summary>The meta JSON exactly as it is sent and signed.</summary>
    public string Meta { get; }

    /// <summary>The UTF-8 bytes of <see cref="Meta"/>: what the signature covers.</summary>
    internal byte[] MetaBytes { get; }

    /// <summary>Reads a file from disk.</summary>
    /// <param name="path">The file.</param>
    /// <param name="meta">Extra or replacement meta fields, for endpoints whose meta has more than filename and sha256.</param>
    /// <exception cref="RequestOptionsException">The file cannot be read.</exception>
    public static MediaFile FromPath(string path, object? meta = null)
    {
        try
        {
            return new MediaFile(Path.GetFileName(path), File.ReadAllBytes(path), meta);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RequestOptionsException($"Cannot read the media file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Uses bytes already in memory.</summary>
    public static MediaFile FromBytes(byte[] content, string fileName, object? meta = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new MediaFile(fileName, content, meta);
    }

    /// <summary>Reads a stream to its end (WeChat Pay's media are at most a few megabytes, and the digest needs every byte first).</summary>
    public static MediaFile FromStream(Stream content, string fileName, object? meta = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return new MediaFile(fileName, buffer.ToArray(), meta);
    }

    /// <summary>The multipart body and its content type, with a fresh boundary.</summary>
    internal (byte[] Body, string ContentType) ToMultipart()
    {
        var boundary = "WeChatPayChain" + Nonce.Create(24);
        using var body = new MemoryStream(Content.Length + Meta.Length + 512);
        Write(body, $"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{Meta}\r\n");
        Write(body, $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{FileName}\"\r\nContent-Type: {ContentType}\r\n\r\n");
        body.Write(Content);
        Write(body, $"\r\n--{boundary}--\r\n");
        return (body.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    /// <inheritdoc />
    public override string ToString() => $"{FileName} ({Content.Length} bytes, sha256 {Sha256})";

    private string BuildMeta(object? extra)
    {
        var meta = new JObject { ["filename"] = FileName, ["sha256"] = Sha256 };
        if (extra is not null)
        {
            foreach (var (name, value) in OptionsReader.Read(extra, "media meta"))
            {
                try
                {
                    meta[name] = value is null ? JValue.CreateNull() : JToken.FromObject(value);
                }
                catch (JsonException e)
                {
                    throw new RequestOptionsException($"media meta field '{name}' (a {OptionsReader.Describe(value!)}) cannot be serialised: {e.Message}", e);
                }
            }
        }
        return meta.ToString(Formatting.None);
    }

    /// <summary>Writes multipart framing; the file name in it passed the strict encoding of <see cref="MetaBytes"/> already.</summary>
    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));
}
