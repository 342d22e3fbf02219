namespace WeChatPay.Chain.Client;

/// <summary>What a download wrote.</summary>
/// <param name="Length">Bytes written to the destination (after unpacking).</param>
/// <param name="Digest">The hex digest of what was written, when a hash type was given; otherwise null.</param>
/// <param name="RequestId">WeChat Pay's <c>Request-ID</c>, when present.</param>
public sealed record DownloadResult(long Length, string? Digest, string? RequestId);
