namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Which responses WeChat Pay signs, and over what. Kept as one table apart from the verifying step so that the list
/// of exceptions is reviewed in one place; it cannot be changed at run time, so no option can turn verification off.
/// </summary>
internal static class ResponseSignatureRules
{
    private const string TransferDownloads = "v3/transferdownload/";
    private const string ComplaintImages = "v3/merchant-service/images/";

    /// <summary>What the signature covers for a path relative to the API root, such as <c>v3/billdownload/file</c>.</summary>
    public static SignedContent For(ReadOnlySpan<char> relativePath)
    {
        var path = relativePath.TrimStart('/');
        if (path is "v3/billdownload/file" or "v3/new-tax-control-fapiao/download") return SignedContent.Unsigned;
        if (path.StartsWith(TransferDownloads.AsSpan(), StringComparison.Ordinal) && path.Length > TransferDownloads.Length) return SignedContent.Unsigned;
        if (path.StartsWith(ComplaintImages.AsSpan(), StringComparison.Ordinal))
        {
            var id = path[ComplaintImages.Length..];
            if (id.Length > 0 && id is not "upload" && id.IndexOf('/') < 0) return SignedContent.Unsigned;
        }
        if (path is "v3/statements" or "v3/global/statements") return SignedContent.StatementDigest;
        return SignedContent.Body;
    }
}
