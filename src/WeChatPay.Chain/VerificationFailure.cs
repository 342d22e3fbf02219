namespace WeChatPay.Chain;

/// <summary>Why a response or notification failed verification.</summary>
public enum VerificationFailure
{
    /// <summary>One of the <c>Wechatpay-Timestamp</c>, <c>-Nonce</c>, <c>-Signature</c>, <c>-Serial</c> headers is absent, empty or repeated.</summary>
    MissingHeader,

    /// <summary><c>Wechatpay-Timestamp</c> is not a number of seconds.</summary>
    MalformedTimestamp,

    /// <summary>The timestamp is more than 300 seconds from the local clock (a replay, or a wrong clock).</summary>
    TimestampOutOfWindow,

    /// <summary><c>Wechatpay-Serial</c> names no platform certificate or public key the client holds.</summary>
    UnknownSerial,

    /// <summary>A <c>WECHATPAY/SIGNTEST/</c> probe signature, which WeChat Pay sends to check that merchants verify.</summary>
    ProbeSignature,

    /// <summary>The signature is not Base64, or does not match the body.</summary>
    BadSignature,

    /// <summary>A digest carried by the response (such as <c>Wechatpay-Statement-Sha1</c>) is missing.</summary>
    MissingDigest,

    /// <summary>The body does not match the digest the signature covers.</summary>
    DigestMismatch,

    /// <summary>An APIv2 answer or notification that must be signed has no <c>sign</c> field.</summary>
    MissingSign,
}
