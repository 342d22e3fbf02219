using System.Collections.Concurrent;
using System.Security.Cryptography;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Media;

/// <summary>
/// The images users attached to complaints, which a merchant downloads with a signed
/// <c>GET /v3/merchant-service/images/{media_id}</c> and receives unsigned. A test (or the control endpoint
/// <c>POST /simulator/complaint-images</c>) plays the user attaching one. Ids are Base64, as WeChat Pay's are, so
/// they hold <c>/</c>, <c>+</c> and <c>=</c> and must be percent-encoded in the path. Thread-safe.
/// </summary>
internal sealed class ComplaintImages
{
    /// <summary>The download path without the id.</summary>
    public const string PathPrefix = "/v3/merchant-service/images/";

    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp"];

    private readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)> _images = new(StringComparer.Ordinal);

    /// <summary>Stores an image and returns its <c>media_id</c>.</summary>
    /// <exception cref="ArgumentException">The image is empty, or its name is not a jpg, png or bmp file.</exception>
    public string Add(byte[] content, string fileName)
    {
        if (content.Length == 0) throw new ArgumentException("A complaint image cannot be empty.", nameof(content));
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension)) throw new ArgumentException($"A complaint image is a {string.Join(", ", Extensions)} file; got '{fileName}'.", nameof(fileName));
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(45));
        _images[id] = (content.ToArray(), extension switch { ".png" => "image/png", ".bmp" => "image/bmp", _ => "image/jpeg" });
        return id;
    }

    /// <summary>The absolute <c>media_url</c> of an image, its id percent-encoded, as complaint details carry it.</summary>
    public static Uri Url(Uri baseUri, string mediaId) => new(baseUri, PathPrefix.TrimStart('/') + Uri.EscapeDataString(mediaId));

    /// <summary>The image's bytes, unsigned.</summary>
    /// <exception cref="ApiError">404 RESOURCE_NOT_EXISTS: no image has this id.</exception>
    public Reply Download(string mediaId)
        => _images.TryGetValue(mediaId, out var image)
            ? Reply.Unsigned(image.Content, image.ContentType)
            : throw new ApiError(404, ErrorCodes.ResourceNotExists, "No complaint image has this media_id; percent-encode the id in the path, and take it from the complaint's media_url");
}
