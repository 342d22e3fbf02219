using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// The <c>secapi</c> endpoints take a request only over mutual TLS with the merchant API certificate: the client
/// certificate of the connection must be the profile's <c>apiclient_cert.pem</c>, compared by SHA-256 thumbprint. Over
/// plain HTTP, with no client certificate or with another one, the call is refused and <c>return_msg</c> says which.
/// </summary>
internal sealed class MerchantCertificateCheck
{
    private readonly SimulatorProfile _profile;

    public MerchantCertificateCheck(SimulatorProfile profile) => _profile = profile;

    /// <exception cref="ApiV2Failure">Refused: not the merchant certificate, or none.</exception>
    public void Check(HttpContext context)
    {
        const string Needed = "this API needs the merchant API certificate (apiclient_cert.pem) presented over mutual TLS; call it with security = true";
        if (!context.Request.IsHttps)
            throw ApiV2Failure.Refused($"证书错误: the request came over plain HTTP, and {Needed} against a simulator started with SimulatorSettings.Https");
        var presented = context.Connection.ClientCertificate
            ?? throw ApiV2Failure.Refused($"证书错误: no client certificate was presented, and {Needed}");
        if (!CryptographicOperations.FixedTimeEquals(presented.GetCertHash(HashAlgorithmName.SHA256), _profile.MerchantCertificateSha256))
            throw ApiV2Failure.Refused($"证书错误: the client certificate presented (serial {Clip(presented.SerialNumber)}) is not the merchant API certificate (serial {_profile.MerchantSerial}); {Needed}");
    }

    private static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
