namespace WeChatPay.Chain.Protocol;

/// <summary>The header names of the APIv3 protocol.</summary>
public static class WeChatPayHeaders
{
    /// <summary>Seconds since the Unix epoch when WeChat Pay signed the message.</summary>
    public const string Timestamp = "Wechatpay-Timestamp";

    /// <summary>WeChat Pay's nonce for the message signature.</summary>
    public const string Nonce = "Wechatpay-Nonce";

    /// <summary>WeChat Pay's Base64 signature.</summary>
    public const string Signature = "Wechatpay-Signature";

    /// <summary>On responses, the serial or <c>PUB_KEY_ID_…</c> of the signing key; on requests, the key sensitive fields were encrypted for.</summary>
    public const string Serial = "Wechatpay-Serial";

    /// <summary>WeChat Pay's id for the request, to quote to its support.</summary>
    public const string RequestId = "Request-ID";

    /// <summary>The SHA-1 of a statement file, which is what the statement download's signature covers.</summary>
    public const string StatementSha1 = "Wechatpay-Statement-Sha1";
}
