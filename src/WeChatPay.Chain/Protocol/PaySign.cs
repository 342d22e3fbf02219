using System.Globalization;
using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Protocol;

/// <summary>
/// The second signature a merchant makes after placing a JSAPI, mini-program or APP order: the parameters the front
/// end hands to WeChat to open the cashier, signed with the merchant private key (RSASSA-PKCS1-v1_5, SHA-256), as
/// wechatpay-php does with <c>Rsa::sign(Formatter::joinedByLineFeed(…), $merchantPrivateKey)</c>.
/// </summary>
/// <remarks>
/// The prepay id is valid for two hours; sign again (new timestamp and nonce) whenever the front end asks, rather than
/// caching the parameters. Only the merchant private key signs: never ship it to the front end.
/// </remarks>
public static class PaySign
{
    /// <summary>The <c>signType</c> of APIv3 JSAPI and mini-program payments.</summary>
    public const string RsaSignType = "RSA";

    /// <summary>The fixed <c>package</c> of APP payments.</summary>
    public const string AppPackage = "Sign=WXPay";

    /// <summary>What the JSAPI <c>package</c> starts with; the prepay id follows.</summary>
    public const string PrepayIdPackagePrefix = "prepay_id=";

    /// <summary>
    /// Signs the parameters for <c>WeixinJSBridge.invoke('getBrandWCPayRequest', …)</c> (JSAPI, including pages opened
    /// inside WeChat) and <c>wx.requestPayment(…)</c> (mini-programs): <c>paySign</c> is over
    /// <c>appId\ntimeStamp\nnonceStr\nprepay_id=…\n</c>.
    /// </summary>
    /// <param name="merchantPrivateKey">The merchant private key (<c>apiclient_key.pem</c>); load it once with <see cref="Rsa.LoadPrivateKey"/>.</param>
    /// <param name="appId">The official account or mini-program appid the order was placed with.</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order call returned, without the <c>prepay_id=</c> prefix.</param>
    /// <param name="time">The clock for <c>timeStamp</c>; the system clock when null.</param>
    /// <param name="nonce">The <c>nonceStr</c>; 32 random characters from <see cref="Nonce.Create"/> when null. Give one only in tests.</param>
    /// <exception cref="ArgumentException">A value is empty, holds a line break, or the prepay id already has the <c>prepay_id=</c> prefix; or the key holds no private part.</exception>
    public static JsapiPayParameters ForJsapi(RSA merchantPrivateKey, string appId, string prepayId, TimeProvider? time = null, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(merchantPrivateKey);
        RequireField(appId, nameof(appId));
        RequirePrepayId(prepayId);
        var timeStamp = Seconds(time);
        var nonceStr = NonceOrNew(nonce);
        var package = PrepayIdPackagePrefix + prepayId;
        var paySign = SignWith(merchantPrivateKey, JsapiMessage(appId, timeStamp, nonceStr, package));
        return new JsapiPayParameters(appId, timeStamp, nonceStr, package, RsaSignType, paySign);
    }

    /// <summary>
    /// Signs the parameters for the OpenSDK's <c>PayReq</c> in a mobile app: <c>sign</c> is over
    /// <c>appid\ntimestamp\nnoncestr\nprepayid\n</c> — the fourth line is the prepay id itself, not <c>package</c>.
    /// </summary>
    /// <param name="merchantPrivateKey">The merchant private key (<c>apiclient_key.pem</c>); load it once with <see cref="Rsa.LoadPrivateKey"/>.</param>
    /// <param name="appId">The mobile application's appid the order was placed with.</param>
    /// <param name="partnerId">The merchant id (<c>mchid</c>).</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order call returned.</param>
    /// <param name="time">The clock for <c>timestamp</c>; the system clock when null.</param>
    /// <param name="nonce">The <c>noncestr</c>; 32 random characters from <see cref="Nonce.Create"/> when null. Give one only in tests.</param>
    /// <exception cref="ArgumentException">A value is empty, holds a line break, or the prepay id has the <c>prepay_id=</c> prefix; or the key holds no private part.</exception>
    public static AppPayParameters ForApp(RSA merchantPrivateKey, string appId, string partnerId, string prepayId, TimeProvider? time = null, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(merchantPrivateKey);
        RequireField(appId, nameof(appId));
        RequireField(partnerId, nameof(partnerId));
        RequirePrepayId(prepayId);
        var timestamp = Seconds(time);
        var nonceStr = NonceOrNew(nonce);
        var sign = SignWith(merchantPrivateKey, AppMessage(appId, timestamp, nonceStr, prepayId));
        return new AppPayParameters(appId, partnerId, prepayId, AppPackage, nonceStr, timestamp, sign);
    }

    /// <summary>
    /// The APIv2 form of <see cref="ForJsapi"/>, for orders placed with APIv2's <c>pay/unifiedorder</c>: <c>paySign</c> is
    /// the APIv2 sign (MD5 or HMAC-SHA256 with the APIv2 key) over <c>appId</c>, <c>nonceStr</c>, <c>package</c>,
    /// <c>signType</c> and <c>timeStamp</c>, and <c>signType</c> names it.
    /// </summary>
    /// <param name="apiV2Key">The merchant's 32-character APIv2 key.</param>
    /// <param name="appId">The official account or mini-program appid the order was placed with.</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order call returned, without the <c>prepay_id=</c> prefix.</param>
    /// <param name="signType">MD5 unless the order was placed with <c>sign_type</c> HMAC-SHA256.</param>
    /// <param name="time">The clock for <c>timeStamp</c>; the system clock when null.</param>
    /// <param name="nonce">The <c>nonceStr</c>; 32 random characters when null. Give one only in tests.</param>
    /// <exception cref="ArgumentException">A value is empty or holds a line break, or the prepay id has the <c>prepay_id=</c> prefix.</exception>
    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters.</exception>
    public static JsapiPayParameters ForJsapiV2(string apiV2Key, string appId, string prepayId, ApiV2SignType signType = ApiV2SignType.Md5, TimeProvider? time = null, string? nonce = null)
    {
        RequireField(appId, nameof(appId));
        RequirePrepayId(prepayId);
        var (timeStamp, nonceStr, package, type) = (Seconds(time), NonceOrNew(nonce), PrepayIdPackagePrefix + prepayId, ApiV2Signature.NameOf(signType));
        var paySign = ApiV2Signature.Sign([new("appId", appId), new("nonceStr", nonceStr), new("package", package), new("signType", type), new("timeStamp", timeStamp)], apiV2Key, signType);
        return new JsapiPayParameters(appId, timeStamp, nonceStr, package, type, paySign);
    }

    /// <summary>
    /// The APIv2 form of <see cref="ForApp"/>: <c>sign</c> is the APIv2 sign over <c>appid</c>, <c>noncestr</c>,
    /// <c>package</c> (<c>Sign=WXPay</c>), <c>partnerid</c>, <c>prepayid</c> and <c>timestamp</c>.
    /// </summary>
    /// <param name="apiV2Key">The merchant's 32-character APIv2 key.</param>
    /// <param name="appId">The mobile application's appid the order was placed with.</param>
    /// <param name="partnerId">The merchant id (<c>mch_id</c>).</param>
    /// <param name="prepayId">The <c>prepay_id</c> the order call returned.</param>
    /// <param name="signType">MD5 unless the order was placed with <c>sign_type</c> HMAC-SHA256.</param>
    /// <param name="time">The clock for <c>timestamp</c>; the system clock when null.</param>
    /// <param name="nonce">The <c>noncestr</c>; 32 random characters when null. Give one only in tests.</param>
    /// <exception cref="ArgumentException">A value is empty or holds a line break, or the prepay id has the <c>prepay_id=</c> prefix.</exception>
    /// <exception cref="ConfigurationException">The key is not 32 printable ASCII characters.</exception>
    public static AppPayParameters ForAppV2(string apiV2Key, string appId, string partnerId, string prepayId, ApiV2SignType signType = ApiV2SignType.Md5, TimeProvider? time = null, string? nonce = null)
    {
        RequireField(appId, nameof(appId));
        RequireField(partnerId, nameof(partnerId));
        RequirePrepayId(prepayId);
        var (timestamp, nonceStr) = (Seconds(time), NonceOrNew(nonce));
        var sign = ApiV2Signature.Sign([new("appid", appId), new("noncestr", nonceStr), new("package", AppPackage), new("partnerid", partnerId), new("prepayid", prepayId), new("timestamp", timestamp)], apiV2Key, signType);
        return new AppPayParameters(appId, partnerId, prepayId, AppPackage, nonceStr, timestamp, sign);
    }

    /// <summary>The exact text <c>paySign</c> covers for JSAPI and mini-programs.</summary>
    internal static string JsapiMessage(string appId, string timeStamp, string nonceStr, string package)
        => $"{appId}\n{timeStamp}\n{nonceStr}\n{package}\n";

    /// <summary>The exact text <c>sign</c> covers for APP payments.</summary>
    internal static string AppMessage(string appId, string timestamp, string nonceStr, string prepayId)
        => $"{appId}\n{timestamp}\n{nonceStr}\n{prepayId}\n";

    private static string Seconds(TimeProvider? time)
        => (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static string NonceOrNew(string? nonce)
    {
        if (nonce is null) return Nonce.Create();
        RequireField(nonce, nameof(nonce));
        return nonce;
    }

    private static void RequirePrepayId(string prepayId)
    {
        RequireField(prepayId, nameof(prepayId));
        if (prepayId.StartsWith(PrepayIdPackagePrefix, StringComparison.Ordinal))
            throw new ArgumentException($"Give the prepay id alone (wx…), without '{PrepayIdPackagePrefix}': the JSAPI package adds that prefix itself, and APP signs the bare id.", nameof(prepayId));
    }

    // Each value is one line of the signed text: a line break inside one would sign a different set of fields.
    private static void RequireField(string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) throw new ArgumentException($"{name} is empty; the cashier needs it and the signature covers it.", name);
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0) throw new ArgumentException($"{name} holds a line break; it must be one line of the signed text.", name);
    }

    private static string SignWith(RSA merchantPrivateKey, string message)
    {
        try
        {
            return Rsa.Sign(merchantPrivateKey, message);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("merchantPrivateKey cannot sign: it holds only a public key. Give the merchant private key (apiclient_key.pem), loaded once with Rsa.LoadPrivateKey.", nameof(merchantPrivateKey), e);
        }
    }
}
