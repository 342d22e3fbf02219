using System.Text;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Notifications;

/// <summary>
/// Opens APIv2 callback notifications, which are XML: a payment notification is verified by its <c>sign</c> with the
/// APIv2 key; a refund notification carries no sign but an encrypted <c>req_info</c>, which only the APIv2 key decrypts,
/// and its fields are returned beside the outer ones. Answer WeChat Pay with <see cref="Success"/> once the notification
/// is handled, or <see cref="Fail"/> to have it sent again. Safe to share.
/// </summary>
public sealed class ApiV2NotificationReader
{
    private readonly ApiV2Key _key;

    /// <summary>A reader under the merchant's APIv2 key.</summary>
    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters; the message never shows it.</exception>
    public ApiV2NotificationReader(string apiV2Key) : this(new ApiV2Key(apiV2Key)) { }

    /// <summary>A client's reader, over the key it loaded.</summary>
    internal ApiV2NotificationReader(ApiV2Key key) => _key = key;

    /// <summary>The answer that tells WeChat Pay the notification was handled.</summary>
    public static string Success => ApiV2Xml.Write([new("return_code", "SUCCESS"), new("return_msg", "OK")]);

    /// <summary>The answer that tells WeChat Pay to send the notification again later.</summary>
    public static string Fail(string message) => ApiV2Xml.Write([new("return_code", "FAIL"), new("return_msg", message)]);

    /// <summary>
    /// Opens a notification from its raw body: a refund notification (it has <c>req_info</c>) is decrypted and its
    /// fields (<c>out_refund_no</c>, <c>refund_status</c>, …) added to the outer ones; any other is verified by its sign.
    /// </summary>
    /// <exception cref="ResponseVerificationException">A payment notification whose sign is missing or wrong.</exception>
    /// <exception cref="DecryptionException">A refund's <c>req_info</c> does not decrypt under this key.</exception>
    /// <exception cref="ResponseFormatException">The body is not an APIv2 XML message, or its <c>return_code</c> is not SUCCESS.</exception>
    public ApiV2Fields Read(byte[] body)
    {
        var fields = ApiV2Xml.Read(body, "The APIv2 notification");
        if (!fields.TryGetValue("return_code", out var code) || code != "SUCCESS")
            throw new ResponseFormatException($"The APIv2 notification's return_code is {(code is null ? "missing" : $"'{code}'")}, not SUCCESS: it reports no payment or refund.", null);
        if (fields.TryGetValue("req_info", out var reqInfo))
        {
            var plain = ApiV2Xml.Read(Encoding.UTF8.GetBytes(_key.DecryptRefundInfo(reqInfo)), "The refund notification's req_info", "root");
            var merged = fields.Where(f => f.Key != "req_info").ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            foreach (var (name, value) in plain)
            {
                if (merged.ContainsKey(name))
                    throw new ResponseFormatException($"The refund notification names {name} both outside and inside req_info; which one to trust is unclear.", null);
                merged[name] = value;
            }
            return new ApiV2Fields(merged);
        }
        if (!ApiV2Signature.IsValid(fields, _key))
        {
            throw fields.ContainsKey(ApiV2Signature.SignField)
                ? new ResponseVerificationException(VerificationFailure.BadSignature, "The APIv2 notification's sign does not match its fields under the APIv2 key: it was forged or altered, or the key is not this merchant's.")
                : new ResponseVerificationException(VerificationFailure.MissingSign, "The APIv2 notification carries no sign field; a payment notification from WeChat Pay is always signed.");
        }
        return fields;
    }
}
