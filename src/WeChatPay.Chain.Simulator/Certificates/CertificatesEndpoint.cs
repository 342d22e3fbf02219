using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Certificates;

/// <summary>
/// <c>GET /v3/certificates</c>: the platform certificate, its PEM encrypted with AEAD_AES_256_GCM under the APIv3 key
/// (associated data <c>certificate</c>), so that only the holder of the APIv3 key can read it. For a merchant in
/// public-key mode (<see cref="SimulatorSettings.PublicKeyMode"/>) there are none: 404 RESOURCE_NOT_EXISTS, as WeChat Pay answers.
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

    public JsonObject Get()
    {
        if (_publicKeyMode)
            throw new ApiError(404, ErrorCodes.ResourceNotExists, "无可用的平台证书: this merchant uses the WeChat Pay public key (public-key mode) and has no platform certificates to download");
        var certificate = _profile.PlatformCertificate;
        var nonce = Nonce.Create(12);
        var entry = new JsonObject
        {
            ["serial_no"] = _profile.PlatformCertificateSerial,
            ["effective_time"] = WireTime.Rfc3339(new DateTimeOffset(certificate.NotBefore.ToUniversalTime())),
            ["expire_time"] = WireTime.Rfc3339(new DateTimeOffset(certificate.NotAfter.ToUniversalTime())),
            ["encrypt_certificate"] = new JsonObject
            {
                ["algorithm"] = AeadAesGcm.Algorithm,
                ["nonce"] = nonce,
                ["associated_data"] = AssociatedData,
                ["ciphertext"] = new AeadAesGcm(_profile.ApiV3Key).Encrypt(nonce, AssociatedData, _profile.PlatformCertificatePem),
            },
        };
        return new JsonObject { ["data"] = new JsonArray(entry) };
    }
}
