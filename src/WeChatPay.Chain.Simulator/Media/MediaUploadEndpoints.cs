using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Media;

/// <summary>
/// The upload APIs: <c>multipart/form-data</c> with a <c>meta</c> part, the JSON <c>{"filename","sha256"}</c> whose bytes
/// the request signature covers, and a <c>file</c> part. By the time a handler runs the signature over <c>meta</c> has
/// been verified; what is left is what WeChat Pay checks of the upload itself, each failure 400 PARAM_ERROR naming
/// the part or field: both parts present, <c>meta</c> a JSON object with <c>filename</c> and a 64-hex-digit
/// <c>sha256</c>, the file neither empty nor over the API's limit, the file name's extension one the API takes, and
/// <c>sha256</c> (any case) equal to the SHA-256 of the file part's bytes. Other <c>meta</c> fields are allowed.
/// </summary>
internal sealed class MediaUploadEndpoints
{
    private const int FileNameLength = 128;
    private const int DigestLength = 64;

    private readonly MediaStore _store;

    public MediaUploadEndpoints(MediaStore store) => _store = store;

    public JsonObject Upload(RawRequest request, MediaUploadRule rule)
    {
        if (!request.IsMultipart)
            throw ApiError.Param("Content-Type", "must be multipart/form-data with a meta part and a file part", "header");
        var form = request.Multipart;
        var metaPart = form.Part(RawRequest.MetaPart) ?? throw ApiError.Param(RawRequest.MetaPart, "the multipart body has no meta part");
        var meta = JsonFields.ParsePart(metaPart.Content.Span, RawRequest.MetaPart);
        var fileName = meta.RequiredString("filename", FileNameLength);
        var digest = meta.RequiredString("sha256", DigestLength);
        if (digest.Length != DigestLength || !digest.All(char.IsAsciiHexDigit))
            throw ApiError.Param(meta.Path("sha256"), "must be the SHA-256 of the file as 64 hex digits");

        var file = form.Part("file") ?? throw ApiError.Param("file", "the multipart body has no file part");
        if (file.Content.IsEmpty) throw ApiError.Param("file", "is empty");
        if (file.Content.Length > rule.MaxBytes)
            throw ApiError.Param("file", $"is {file.Content.Length} bytes; {rule.Path} takes a {rule.Kind} of at most {rule.Limit}");
        var extension = Path.GetExtension(fileName).TrimStart('.');
        if (!rule.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            throw ApiError.Param(meta.Path("filename"), $"must end in .{string.Join(", .", rule.Extensions)} for {rule.Path}");
        var actual = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
        if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
            throw ApiError.Param(meta.Path("sha256"), $"{digest} does not match the file part: the SHA-256 of the {file.Content.Length} bytes received is {actual}");

        return Store(request, rule, fileName, actual, file.Content);
    }

    private JsonObject Store(RawRequest request, MediaUploadRule rule, string fileName, string sha256, ReadOnlyMemory<byte> content)
    {
        switch (rule.Answer)
        {
            case MediaAnswer.MediaUrl:
                var url = new Uri(request.BaseUri, MediaStore.MediaUrlPath(Nonce.Create(32)).TrimStart('/'));
                _store.Add(new UploadedMedia(new UploadedMediaView(rule.Path, null, url, fileName, sha256, content.Length), content.ToArray()));
                return new JsonObject { ["media_url"] = url.ToString() };
            default:
                var id = rule.Answer == MediaAnswer.MediaIdWithExtension
                    ? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) + Path.GetExtension(fileName).ToLowerInvariant()
                    : "SIM" + Nonce.Create(93);
                _store.Add(new UploadedMedia(new UploadedMediaView(rule.Path, id, null, fileName, sha256, content.Length), null));
                return new JsonObject { ["media_id"] = id };
        }
    }
}
