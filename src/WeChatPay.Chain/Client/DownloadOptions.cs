namespace WeChatPay.Chain.Client;

/// <summary>How to check and unpack a file download.</summary>
public sealed class DownloadOptions
{
    /// <summary>The digest algorithm WeChat Pay names in <c>hash_type</c>: <c>SHA1</c> (bills) or <c>SHA256</c>; null for none.</summary>
    public string? HashType { get; set; }

    /// <summary>The expected hex digest (<c>hash_value</c>) of the file after unpacking; checked when the download ends.</summary>
    public string? HashValue { get; set; }

    /// <summary>Unpack a gzip download (bills requested with <c>tar_type=GZIP</c>); the digest is over the unpacked bytes.</summary>
    public bool Gunzip { get; set; }
}
