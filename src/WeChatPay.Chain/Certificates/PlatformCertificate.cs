namespace WeChatPay.Chain.Certificates;

/// <summary>A WeChat Pay platform certificate as <c>GET /v3/certificates</c> delivers it, decrypted.</summary>
/// <param name="Serial">The serial, as WeChat Pay sends it in <c>Wechatpay-Serial</c>.</param>
/// <param name="EffectiveTime">When it starts to be used.</param>
/// <param name="ExpireTime">When it stops being valid.</param>
/// <param name="Pem">The certificate in PEM.</param>
public sealed record PlatformCertificate(string Serial, DateTimeOffset EffectiveTime, DateTimeOffset ExpireTime, string Pem);
