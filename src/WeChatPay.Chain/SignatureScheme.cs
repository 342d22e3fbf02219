namespace WeChatPay.Chain;

/// <summary>
/// The algorithms a merchant's APIv3 requests are signed with and WeChat Pay's answers verified with. One merchant
/// uses one scheme; its keys and platform certificates are all of that kind.
/// </summary>
public enum SignatureScheme
{
    /// <summary>RSA: <c>WECHATPAY2-SHA256-RSA2048</c>, RSASSA-PKCS1-v1_5 over SHA-256; sensitive fields by RSAES-OAEP; AES-256-GCM resources.</summary>
    Rsa2048WithSha256,

    /// <summary>国密 (ShangMi): <c>WECHATPAY2-SM2-WITH-SM3</c>, SM2 over SM3; sensitive fields by SM2 encryption; SM4-GCM resources.</summary>
    Sm2WithSm3,
}
