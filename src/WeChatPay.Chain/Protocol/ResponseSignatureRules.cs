namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Which responses WeChat Pay signs, and over what. Kept as one table apart from the verifying step so that the list
/// of exceptions is reviewed in one place; it cannot be changed at run time, so no option can turn verification off.
/// </summary>
internal static class ResponseSignatureRules
{
    private static readonly string[] UnsignedPaths = ["v3/billdownload/file", "v3/new-tax-control-fapiao/download"];
    private const string TransferDownloads = "v3/transferdownload/";
    private static readonly string[] StatementPaths = ["v3/statements", "v3/global/statements"];
    private const string ComplaintImages = "v3/merchant-service/images/";

    /// <summary>What the signature covers for a path relative to the API root, such as <c>v3/billdownload/file</c>.</summary>
    public static SignedContent For(string relativePath)
    {
        var path = relativePath.TrimStart('/');
        if (UnsignedPaths.Contains(path, StringComparer.Ordinal)) return SignedContent.Unsigned;
        if (path.StartsWith(TransferDownloads, StringComparison.Ordinal) && path.Length > TransferDownloads.Length) return SignedContent.Unsigned;
        if (path.StartsWith(ComplaintImages, StringComparison.Ordinal))
        {
            var id = path[ComplaintImages.Length..];
            if (id.Length > 0 && id != "upload" && !id.Contains('/')) return SignedContent.Unsigned;
        }
        if (StatementPaths.Contains(path, StringComparer.Ordinal)) return SignedContent.StatementDigest;
        return SignedContent.Body;
    }
}
