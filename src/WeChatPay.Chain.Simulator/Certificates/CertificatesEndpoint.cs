using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Certificates;

/// <summary>
/// <c>GET /v3/certificates</c>: the platform certificate, its PEM encrypted with AEAD_AES_256_GCM under the APIv3 key
/// (associated data <c>certificate</c>), so that only the holder of the APIv3 key can read it. <c>algorithm_type</c>
/// chooses the set: <c>RSA</c> (the default), <c>SM2</c> (the 国密 certificate, encrypted with AEAD_SM4_GCM) or
/// <c>ALL</c>; anything else is 400 PARAM_ERROR. For a merchant in public-key mode
/// (<see cref="SimulatorSettings.PublicKeyMode"/>) there are none: 404 RESOURCE_NOT_EXISTS, as WeChat Pay answers.
/// </summary>
internal sealed class CertificatesEndpoint
{
    private const string AssociatedData = "certificate";

    private readonly SimulatorProfile _profile;
    private readonly bool _publicKeyMode;

    public CertificatesEndpoint(SimulatorProfile profile, bool publicKeyMode)
    {
        _profile = profile;
        _publicKeyMode = publicKeyMode;
    }

    public JsonObject Get(RawRequest request)
    {
        var algorithm = QueryParameters.Optional(request, "algorithm_type") ?? "RSA";
        if (algorithm is not ("RSA" or "SM2" or "ALL"))
            throw ApiError.Param("algorithm_type", "must be RSA, SM2 or ALL", "query");
        if (_publicKeyMode)
            throw new ApiError(404, ErrorCodes.ResourceNotExists, "无可用的平台证书: this merchant uses the WeChat Pay public key (public-key mode) and has no platform certificates to download");
        var data = new JsonArray();
        if (algorithm is "RSA" or "ALL")
        {
            var certificate = _profile.PlatformCertificate;
            data.Add(Entry(_profile.PlatformCertificateSerial, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), AeadAesGcm.Algorithm, new AeadAesGcm(_profile.ApiV3Key).Encrypt, _profile.PlatformCertificatePem));
        }
        if (algorithm is "SM2" or "ALL")
        {
            var sm2 = _profile.Sm2;
            data.Add(Entry(sm2.PlatformCertificateSerial, sm2.PlatformCertificate.NotBefore, sm2.PlatformCertificate.NotAfter, AeadSm4Gcm.Algorithm, new AeadSm4Gcm(_profile.ApiV3Key).Encrypt, sm2.PlatformCertificatePem));
        }
        return new JsonObject { ["data"] = data };
    }

    private static JsonObject Entry(string serial, DateTime notBefore, DateTime notAfter, string algorithm, Func<string, string, string, string> encrypt, string pem)
    {
        var nonce = Nonce.Create(12);
        return new JsonObject
        {
            ["serial_no"] = serial,
            ["effective_time"] = WireTime.Rfc3339(new DateTimeOffset(DateTime.SpecifyKind(notBefore, DateTimeKind.Utc))),
            ["expire_time"] = WireTime.Rfc3339(new DateTimeOffset(DateTime.SpecifyKind(notAfter, DateTimeKind.Utc))),
            ["encrypt_certificate"] = new JsonObject
            {
                ["algorithm"] = algorithm,
                ["nonce"] = nonce,
                ["associated_data"] = AssociatedData,
                ["ciphertext"] = encrypt(nonce, AssociatedData, pem),
            },
        };
    }
}
