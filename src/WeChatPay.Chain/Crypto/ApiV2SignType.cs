namespace WeChatPay.Chain.Crypto;

/// <summary>How an APIv2 message is signed with the APIv2 key: the <c>sign_type</c> field's two values.</summary>
public enum ApiV2SignType
{
    /// <summary><c>MD5</c>: MD5 over the fields followed by <c>&amp;key=</c> and the key; the default when <c>sign_type</c> is absent.</summary>
    Md5,

    /// <summary><c>HMAC-SHA256</c>: HMAC-SHA256 keyed by the APIv2 key over the same text.</summary>
    HmacSha256,
}
