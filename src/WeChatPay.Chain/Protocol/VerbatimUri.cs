namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Makes request URIs from text that is already percent-encoded, so that what is signed is what is sent.
/// </summary>
internal static class VerbatimUri
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>The absolute URI with its path and query exactly as given: no unescaping, no dot-segment removal.</summary>
    /// <exception cref="UriFormatException">The text is not an absolute URI.</exception>
    public static Uri Create(string text)
    {
        if (Uri.TryCreate(text, in Verbatim, out var uri) && uri.IsAbsoluteUri) return uri;
        // The verbatim parse says only that it failed; the ordinary one, whose rules are the same but for unescaping,
        // says why (an invalid port, a bad host).
        _ = new Uri(text, UriKind.Absolute);
        throw new UriFormatException("Invalid URI: the text is not an absolute URI.");
    }
}
