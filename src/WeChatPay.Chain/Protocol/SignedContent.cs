namespace WeChatPay.Chain.Protocol;

/// <summary>What WeChat Pay's signature on a 2xx response covers.</summary>
internal enum SignedContent
{
    /// <summary>The raw body: every API response but the file downloads.</summary>
    Body,

    /// <summary>
    /// <c>{"sha1":"…"}</c> built from the <c>Wechatpay-Statement-Sha1</c> header, whose digest the body must match:
    /// the statement downloads.
    /// </summary>
    StatementDigest,

    /// <summary>Nothing: file downloads WeChat Pay does not sign (bills, complaint images, transfer receipts, fapiao files).</summary>
    Unsigned,
}
