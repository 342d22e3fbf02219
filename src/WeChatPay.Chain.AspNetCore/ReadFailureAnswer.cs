using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// The status and public message for a notification the reader refused. The message goes back to whoever posted, who
/// may not be WeChat Pay, so it names the check that failed and nothing this server holds: no key ids, no key
/// material, no signature. The full exception goes to the log only.
/// </summary>
internal static class ReadFailureAnswer
{
    public static (int StatusCode, string Message) For(WeChatPayException exception) => exception switch
    {
        ResponseVerificationException verification => (StatusCodes.Status401Unauthorized, Verification(verification.Reason)),
        DecryptionException => (StatusCodes.Status400BadRequest, "The resource could not be decrypted: the APIv3 key does not match, or the ciphertext, nonce or associated_data was altered."),
        ResponseFormatException format => (StatusCodes.Status400BadRequest, format.Message),
        _ => (StatusCodes.Status400BadRequest, "The body could not be read as a WeChat Pay notification."),
    };

    private static string Verification(VerificationFailure reason) => reason switch
    {
        VerificationFailure.MissingHeader => $"{WeChatPayHeaders.Timestamp}, {WeChatPayHeaders.Nonce}, {WeChatPayHeaders.Signature} and {WeChatPayHeaders.Serial} must each be sent exactly once.",
        VerificationFailure.MalformedTimestamp => $"{WeChatPayHeaders.Timestamp} is not a number of seconds.",
        VerificationFailure.TimestampOutOfWindow => $"{WeChatPayHeaders.Timestamp} is more than 300 seconds from this server's clock.",
        VerificationFailure.ProbeSignature => "The signature is a WECHATPAY/SIGNTEST/ probe; probes are rejected.",
        VerificationFailure.UnknownSerial => $"{WeChatPayHeaders.Serial} names no platform certificate or public key this merchant holds.",
        VerificationFailure.BadSignature => $"{WeChatPayHeaders.Signature} does not match the body.",
        _ => "The signature could not be verified.",
    };
}
