namespace WeChatPay.Chain.Simulator;

/// <summary>A file the simulator accepted on one of its upload APIs, for tests to check what a client sent.</summary>
/// <param name="Path">The upload API, e.g. <c>/v3/merchant/media/upload</c>.</param>
/// <param name="MediaId">The <c>media_id</c> answered; null for the marketing upload, which answers a URL.</param>
/// <param name="MediaUrl">The <c>media_url</c> answered by the marketing upload; null otherwise.</param>
/// <param name="FileName">The <c>filename</c> of the <c>meta</c> part.</param>
/// <param name="Sha256">The SHA-256 of the file part, 64 lower-case hex digits (it matched <c>meta.sha256</c>).</param>
/// <param name="Length">The file part's length in bytes.</param>
public sealed record UploadedMediaView(string Path, string? MediaId, Uri? MediaUrl, string FileName, string Sha256, long Length);
