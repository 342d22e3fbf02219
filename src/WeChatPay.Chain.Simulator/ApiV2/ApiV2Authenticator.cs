using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// Checks an APIv2 request as WeChat Pay does before taking it: <c>mch_id</c> is this merchant, <c>sign_type</c> is
/// <c>MD5</c> (or absent) or <c>HMAC-SHA256</c>, and <c>sign</c> is the APIv2 key's signature of that type over the
/// other fields; then that <c>appid</c> and <c>nonce_str</c>, which every modelled endpoint requires, are present.
/// A wrong or missing sign answers <c>签名错误</c> with <c>err_code</c> SIGNERROR, and <c>err_code_des</c> says what
/// should have been signed (the field names, never the key).
/// </summary>
internal sealed class ApiV2Authenticator
{
    public const string SignError = "SIGNERROR";

    private readonly SimulatorProfile _profile;

    public ApiV2Authenticator(SimulatorProfile profile) => _profile = profile;

    /// <exception cref="ApiV2Failure">Refused: another merchant, an unknown sign type, a bad sign, or no appid or nonce_str.</exception>
    public VerifiedRequest Authenticate(ApiV2Fields fields)
    {
        if (!fields.TryGetValue("mch_id", out var mchId) || mchId.Length == 0) throw ApiV2Failure.Missing("mch_id");
        if (mchId != _profile.MchId)
            throw ApiV2Failure.Invalid("mch_id", $"{Clip(mchId)} is not the simulated merchant {_profile.MchId}");
        fields.TryGetValue("sign_type", out var signTypeName);
        if (!ApiV2Signature.TryParseType(signTypeName, out var signType))
            throw ApiV2Failure.Invalid("sign_type", $"{Clip(signTypeName!)} is not one APIv2 knows: use MD5 (the default) or HMAC-SHA256");
        if (!SignChecksOut(fields, signType))
            throw ApiV2Failure.Refused("签名错误", SignError, Expected(fields, signType));
        var request = new VerifiedRequest(fields, signType);
        request.Required("appid");
        request.Required("nonce_str");
        return request;
    }

    /// <summary>The sign must verify and be of the type <c>sign_type</c> names: 64 hex digits for HMAC-SHA256, 32 for MD5.</summary>
    private bool SignChecksOut(ApiV2Fields fields, ApiV2SignType signType)
        => fields.TryGetValue("sign", out var sign)
           && sign.Length == (signType == ApiV2SignType.HmacSha256 ? 64 : 32)
           && ApiV2Signature.IsValid(fields, _profile.ApiV2Key);

    private static string Expected(ApiV2Fields fields, ApiV2SignType signType)
    {
        var signed = fields.Where(f => f.Key != "sign" && f.Value.Length > 0).Select(f => f.Key).Order(StringComparer.Ordinal);
        return $"sign must be the upper-case hex {ApiV2Signature.NameOf(signType)} of the fields other than sign with non-empty values ({Clip(string.Join(",", signed), 300)}) as k=v joined by & in that order, then &key= and the APIv2 key";
    }

    private static string Clip(string value, int length = 40) => value.Length <= length ? value : value[..length] + "…";
}
