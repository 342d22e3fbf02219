using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// Checks a /v3 request the way WeChat Pay does: the <c>Authorization</c> header (parameters in any order) must name this
/// merchant and its certificate serial, carry a timestamp within 300 seconds, and sign
/// <c>METHOD\nRAW-TARGET\nTIMESTAMP\nNONCE\nBODY\n</c> over the bytes actually received: with the merchant's RSA key
/// under <c>WECHATPAY2-SHA256-RSA2048</c> and its RSA certificate serial, or with its SM2 key (SM2 over SM3, user id
/// <c>1234567812345678</c>) under <c>WECHATPAY2-SM2-WITH-SM3</c> and its SM2 certificate serial. A failure answers
/// 401 SIGN_ERROR with <c>detail.sign_information</c> describing the message the client should have signed,
/// which is what makes a signing bug findable. For <c>multipart/form-data</c> uploads BODY is the <c>meta</c> part's
/// JSON as sent, not the multipart body (<see cref="RawRequest.SignedBody"/>).
/// </summary>
internal sealed class RequestAuthenticator
{
    /// <summary>How far a request timestamp may be from the simulator's clock, as on WeChat Pay.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    private const int ShownMessageLength = 256;

    private readonly SimulatorProfile _profile;
    private readonly TimeProvider _time;
    private readonly SignatureScheme? _onlyScheme;

    /// <param name="profile">The merchant's keys.</param>
    /// <param name="time">The clock timestamps are checked against.</param>
    /// <param name="onlyScheme">The one scheme the merchant signs in; either when null.</param>
    public RequestAuthenticator(SimulatorProfile profile, TimeProvider time, SignatureScheme? onlyScheme)
    {
        _profile = profile;
        _time = time;
        _onlyScheme = onlyScheme;
    }

    /// <returns>The request's parsed <c>Authorization</c> header, whose nonce and timestamp a transcript records.</returns>
    /// <exception cref="ApiError">The request is not signed by this merchant.</exception>
    public AuthorizationHeader Authenticate(RawRequest request)
    {
        if (!AuthorizationHeader.TryParse(request.Header("Authorization"), out var header, out var error))
            throw Fail(request, null, "authorization", error);
        if (!string.Equals(header.MchId, _profile.MchId, StringComparison.Ordinal))
            throw Fail(request, header, "mchid", $"mchid {Clip(header.MchId)} is not the simulated merchant {_profile.MchId}");
        var sm2 = header.SignatureScheme == SignatureScheme.Sm2WithSm3;
        if (_onlyScheme is { } only && header.SignatureScheme != only)
            throw Fail(request, header, "authorization", $"the merchant signs in {AuthorizationHeader.SchemeName(only)}, not {AuthorizationHeader.SchemeName(header.SignatureScheme)}: sign with its {(sm2 ? "RSA" : "SM2")} key and certificate serial");
        var serial = sm2 ? _profile.Sm2.MerchantSerial : _profile.MerchantSerial;
        if (!string.Equals(header.Serial, serial, StringComparison.OrdinalIgnoreCase))
        {
            var other = sm2 ? _profile.MerchantSerial : _profile.Sm2.MerchantSerial;
            var hint = string.Equals(header.Serial, other, StringComparison.OrdinalIgnoreCase) ? $" (it is the merchant's {(sm2 ? "RSA" : "SM2")} certificate serial; the scheme and the serial must be of one kind)" : "";
            throw Fail(request, header, "serial_no", $"serial_no {Clip(header.Serial)} is not the merchant {(sm2 ? "SM2 " : "")}certificate serial {serial}{hint}");
        }
        if (!long.TryParse(header.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || header.Timestamp.Length > 12)
            throw Fail(request, header, "timestamp", "timestamp is not a number of seconds since the Unix epoch");
        var skew = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(skew) > (long)MaxClockSkew.TotalSeconds)
            throw Fail(request, header, "timestamp", $"timestamp is {Math.Abs(skew)} s {(skew > 0 ? "behind" : "ahead of")} the server clock; at most {MaxClockSkew.TotalSeconds} s is allowed");
        var message = SignatureMessage.ForRequest(request.Method, request.RawTarget, header.Timestamp, header.Nonce, request.SignedBody);
        var verified = sm2 ? Sm2.Verify(_profile.Sm2.MerchantPublicKey, message, header.Signature) : Rsa.Verify(_profile.MerchantPublicKey, message, header.Signature);
        if (!verified)
            throw Fail(request, header, "signature", "sign not match");
        return header;
    }

    private static ApiError Fail(RawRequest request, AuthorizationHeader? header, string field, string issue)
    {
        var detail = new JsonObject
        {
            ["field"] = field,
            ["location"] = "authorization",
            ["issue"] = issue,
            ["sign_information"] = SignInformation(request, header),
        };
        return new ApiError(401, ErrorCodes.SignError, $"Signature verification failed: {issue}", detail);
    }

    /// <summary>
    /// Describes the message the server expected to be signed: method, request-target, its length, and its beginning
    /// (the body cut short), so a client can diff it against what it signed.
    /// </summary>
    private static JsonObject SignInformation(RawRequest request, AuthorizationHeader? header)
    {
        var expected = SignatureMessage.ForRequest(request.Method, request.RawTarget, header?.Timestamp ?? "", header?.Nonce ?? "", SignedBodyOrRaw(request));
        var text = Encoding.UTF8.GetString(expected);
        return new JsonObject
        {
            ["method"] = request.Method,
            ["url"] = request.RawTarget,
            ["sign_message_length"] = expected.Length,
            ["truncated_sign_message"] = text.Length <= ShownMessageLength ? text : text[..ShownMessageLength] + "…",
        };
    }

    /// <summary>The signed body for the hint; the raw body when a malformed multipart body has none to offer.</summary>
    private static byte[] SignedBodyOrRaw(RawRequest request)
    {
        try
        {
            return request.SignedBody.ToArray();
        }
        catch (ApiError)
        {
            return request.Body;
        }
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
