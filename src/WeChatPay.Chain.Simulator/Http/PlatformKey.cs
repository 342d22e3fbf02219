namespace WeChatPay.Chain.Simulator.Http;

/// <summary>Which of WeChat Pay's keys signs an answer or a notification, and so what <c>Wechatpay-Serial</c> names.</summary>
internal enum PlatformKey
{
    /// <summary>The RSA platform key, named by its certificate serial.</summary>
    Certificate,

    /// <summary>The same RSA key pair, named by its <c>PUB_KEY_ID_…</c> (public-key mode).</summary>
    PublicKeyId,

    /// <summary>The 国密 (SM2) platform key, named by its certificate serial; the signature is SM2 over SM3.</summary>
    Sm2Certificate,
}
