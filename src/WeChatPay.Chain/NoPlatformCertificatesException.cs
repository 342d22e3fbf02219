namespace WeChatPay.Chain;

/// <summary>
/// <c>GET /v3/certificates</c> answered that the merchant has no platform certificates: the merchant verifies with the
/// WeChat Pay public key (<c>PUB_KEY_ID_…</c>) instead.
/// </summary>
public sealed class NoPlatformCertificatesException : ApiException
{
    /// <summary>Creates the exception from WeChat Pay's answer.</summary>
    public NoPlatformCertificatesException(WeChatPayResponse response) : base(response) { }

    /// <inheritdoc />
    public override string Message =>
        "This merchant has no platform certificates: it uses WeChat Pay public key mode. Download the WeChat Pay public key " +
        "(pub_key.pem) and note its PUB_KEY_ID_… in the merchant platform (Account → API security), then give it as " +
        $"Certs[\"PUB_KEY_ID_…\"]. ({base.Message})";
}
