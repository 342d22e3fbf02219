namespace WeChatPay.Chain.Certificates;

/// <summary>Downloads WeChat Pay's current platform certificates; when <paramref name="async"/> is false, without awaiting anything.</summary>
/// <param name="async">Whether the download may wait asynchronously.</param>
/// <param name="cancellationToken">Bounds the download.</param>
internal delegate ValueTask<IReadOnlyList<PlatformCertificate>> PlatformCertificateSource(bool async, CancellationToken cancellationToken);
