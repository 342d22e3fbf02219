using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// WeChat Pay's side of sensitive fields (RSAES-OAEP, SHA-1 and MGF1-SHA-1, Base64; in 国密, SM2 encryption in the
/// GM/T 0009 DER layout, Base64). A request field was encrypted with the platform public key that the request's
/// <c>Wechatpay-Serial</c> names, so it is decrypted with that platform private key only after the header has been
/// checked; a response field is encrypted with the merchant's public key of the request's scheme (its API
/// certificate, RSA or SM2), so that only the merchant private key reads it.
/// </summary>
internal sealed class SensitiveFields
{
    private readonly SimulatorProfile _profile;

    public SensitiveFields(SimulatorProfile profile) => _profile = profile;

    /// <summary>Decrypts request field <paramref name="field"/>.</summary>
    /// <exception cref="ApiError">
    /// 400 PARAM_ERROR: <c>Wechatpay-Serial</c> is missing or names no platform key, or the field does not decrypt with it.
    /// </exception>
    public string Decrypt(RawRequest request, string field, string ciphertext)
    {
        var sm2 = RequirePlatformSerial(request, field);
        try
        {
            return sm2 ? Sm2.Decrypt(_profile.Sm2.PlatformPrivateKey, ciphertext) : Rsa.Decrypt(_profile.PlatformPrivateKey, ciphertext);
        }
        catch (DecryptionException)
        {
            var how = sm2 ? "SM2 encryption (C1C3C2 in GM/T 0009 DER)" : "RSAES-OAEP (SHA-1, MGF1-SHA-1)";
            var issue = $"{field} was not encrypted with the platform key named by Wechatpay-Serial: encrypt it with {how} under that key and send it in Base64";
            throw new ApiError(400, ErrorCodes.ParamError, issue, new JsonObject { ["field"] = field, ["location"] = "body", ["issue"] = issue });
        }
    }

    /// <summary>Encrypts a response field for the merchant, to be decrypted with its API private key of the request's scheme.</summary>
    public string EncryptForMerchant(RawRequest request, string plaintext)
        => request.Scheme == SignatureScheme.Sm2WithSm3 ? Sm2.Encrypt(_profile.Sm2.MerchantPublicKey, plaintext) : Rsa.Encrypt(_profile.MerchantPublicKey, plaintext);

    /// <returns>Whether the header names the SM2 platform key.</returns>
    private bool RequirePlatformSerial(RawRequest request, string field)
    {
        var serial = request.Header(WeChatPayHeaders.Serial)?.Trim();
        var keys = $"the platform certificate serial {_profile.PlatformCertificateSerial}, the public key id {_profile.PublicKeyId} or the SM2 platform certificate serial {_profile.Sm2.PlatformCertificateSerial}";
        if (string.IsNullOrEmpty(serial))
            throw ApiError.Param(WeChatPayHeaders.Serial, $"is required when {field} is sent: name the key {field} was encrypted with, {keys}", "header");
        if (Names(serial, _profile.Sm2.PlatformCertificateSerial)) return true;
        if (Names(serial, _profile.PlatformCertificateSerial) || Names(serial, _profile.PublicKeyId)) return false;
        var hint = Names(serial, _profile.MerchantSerial) || Names(serial, _profile.Sm2.MerchantSerial) ? " (it is the merchant's own certificate serial; sensitive fields are encrypted with WeChat Pay's key, never the merchant's)" : "";
        var shown = serial.Length <= 64 ? serial : serial[..64] + "…";
        throw ApiError.Param(WeChatPayHeaders.Serial, $"{shown} names no WeChat Pay key{hint}; send {keys}", "header");
    }

    private static bool Names(string serial, string id) => string.Equals(serial, id, StringComparison.OrdinalIgnoreCase);
}
