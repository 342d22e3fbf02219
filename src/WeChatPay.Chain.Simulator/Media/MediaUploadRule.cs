namespace WeChatPay.Chain.Simulator.Media;

/// <summary>
/// What one upload API accepts, from WeChat Pay's documentation: the file name extensions, the largest file, and what
/// it answers. The four upload APIs share everything else (multipart with <c>meta</c> and <c>file</c>, the signature
/// over <c>meta</c>, the SHA-256 check).
/// </summary>
/// <param name="Path">The API path.</param>
/// <param name="Kind">"image" or "video", for messages.</param>
/// <param name="Extensions">Allowed file name extensions, lower case, without the dot; compared ignoring case.</param>
/// <param name="MaxBytes">The largest file accepted.</param>
/// <param name="Answer">What a successful upload answers with.</param>
internal sealed record MediaUploadRule(string Path, string Kind, IReadOnlyList<string> Extensions, int MaxBytes, MediaAnswer Answer)
{
    private const int Mebibyte = 1024 * 1024;

    /// <summary>JPG, BMP and PNG as documented; <c>.jpeg</c> is the same format under its other name.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = ["jpg", "jpeg", "png", "bmp"];

    public static readonly IReadOnlyList<string> VideoExtensions = ["avi", "wmv", "mpeg", "mp4", "mov", "mkv", "flv", "f4v", "m4v", "rmvb"];

    /// <summary>The upload APIs the simulator knows.</summary>
    public static readonly IReadOnlyList<MediaUploadRule> All =
    [
        new("/v3/merchant/media/upload", "image", ImageExtensions, 2 * Mebibyte, MediaAnswer.MediaId),
        new("/v3/merchant/media/video_upload", "video", VideoExtensions, 5 * Mebibyte, MediaAnswer.MediaId),
        new("/v3/marketing/favor/media/image-upload", "image", ImageExtensions, 2 * Mebibyte, MediaAnswer.MediaUrl),
        new("/v3/merchant-service/images/upload", "image", ImageExtensions, 2 * Mebibyte, MediaAnswer.MediaIdWithExtension),
    ];

    /// <summary>The limit as people write it: "2 MiB (2097152 bytes)".</summary>
    public string Limit => $"{MaxBytes / Mebibyte} MiB ({MaxBytes} bytes)";
}
