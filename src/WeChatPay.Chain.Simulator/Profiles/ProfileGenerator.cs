using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// Creates a fresh profile: two RSA-2048 key pairs and two SM2 key pairs (merchant and platform of each kind), their
/// certificates, the ids, the APIv3 and APIv2 keys, and the HTTPS server certificate.
/// </summary>
internal static class ProfileGenerator
{
    private static readonly TimeSpan CertificateLifetime = TimeSpan.FromDays(5 * 365);

    /// <summary>
    /// How long before the profile was made its certificates became valid, as a real platform certificate was issued long
    /// before a merchant meets it: a client whose clock is set back a little (a test's) still finds them valid.
    /// </summary>
    private static readonly TimeSpan IssuedBefore = TimeSpan.FromDays(365);

    public static void Generate(string directory, TimeProvider time)
    {
        Directory.CreateDirectory(Path.Combine(directory, ProfileFiles.ServerFolder));
        var now = time.GetUtcNow();
        var mchId = "19" + RandomDigits(8);

        using var merchantKey = RSA.Create(2048);
        using var merchantCertificate = SelfSignedCertificate.Issue(merchantKey, $"CN={mchId}, OU=WeChatPay.Chain Simulator, O=Simulated Merchant, C=CN", now - IssuedBefore, CertificateLifetime);
        using var platformKey = RSA.Create(2048);
        using var platformCertificate = SelfSignedCertificate.Issue(platformKey, "CN=Tenpay.com Root CA (simulated), O=WeChatPay.Chain Simulator, C=CN", now - IssuedBefore, CertificateLifetime);

        var merchantSerial = Rsa.CertificateSerial(merchantCertificate);
        var platformSerial = Rsa.CertificateSerial(platformCertificate);
        var publicKeyId = PlatformKeys.PublicKeyIdPrefix + "01" + mchId + RandomDigits(16);
        var platformCertificateFile = ProfileFiles.PlatformCertificate(platformSerial);

        WriteSecret(directory, ProfileFiles.MerchantPrivateKey, merchantKey.ExportPkcs8PrivateKeyPem());
        WriteText(directory, ProfileFiles.MerchantCertificate, merchantCertificate.ExportCertificatePem());
        WriteText(directory, platformCertificateFile, platformCertificate.ExportCertificatePem());
        WriteText(directory, ProfileFiles.PlatformPublicKey, platformKey.ExportSubjectPublicKeyInfoPem());
        WriteSecret(directory, ProfileFiles.PlatformPrivateKey, platformKey.ExportPkcs8PrivateKeyPem());

        var (sm2Profile, sm2Server) = GenerateSm2(directory, mchId, now);
        var server = new JsonObject
        {
            ["merchantCertificate"] = ProfileFiles.MerchantCertificate,
            ["platformPrivateKey"] = ProfileFiles.PlatformPrivateKey,
            ["platformCertificate"] = platformCertificateFile,
            ["publicKeyId"] = publicKeyId,
            [ProfileUpgrade.Sm2Field] = sm2Server,
        };
        JsonFile.Write(Path.Combine(directory, ProfileFiles.ServerJson), server);

        var profile = new JsonObject
        {
            ["mchid"] = mchId,
            ["serial"] = merchantSerial,
            ["privateKey"] = ProfileFiles.MerchantPrivateKey,
            ["certs"] = new JsonObject
            {
                [platformSerial] = platformCertificateFile,
                [publicKeyId] = ProfileFiles.PlatformPublicKey,
            },
            ["apiV3Key"] = Nonce.Create(32),
            [ProfileUpgrade.ApiV2KeyField] = NewApiV2Key(),
            [ProfileUpgrade.MerchantCertificateField] = ProfileFiles.MerchantCertificate,
            [ProfileUpgrade.Sm2Field] = sm2Profile,
            ["baseUri"] = null,
        };
        ServerTlsCertificate.Generate(directory);
        JsonFile.Write(Path.Combine(directory, ProfileFiles.ProfileJson), profile);
    }

    /// <summary>
    /// Writes the 国密 half of a profile — the merchant's SM2 key and certificate, the SM2 platform key and certificate —
    /// and returns the <c>sm2</c> entries of <c>profile.json</c> (what a client needs: serial, private key, certs) and of
    /// <c>server.json</c> (what the simulator needs).
    /// </summary>
    public static (JsonObject Profile, JsonObject Server) GenerateSm2(string directory, string mchId, DateTimeOffset now)
    {
        var merchantKeys = Sm2Certificate.NewKeyPair();
        var merchantCertificate = Sm2Certificate.Issue(merchantKeys, $"CN={mchId}, OU=WeChatPay.Chain Simulator SM2, O=Simulated Merchant, C=CN", now - IssuedBefore, CertificateLifetime);
        var platformKeys = Sm2Certificate.NewKeyPair();
        var platformCertificate = Sm2Certificate.Issue(platformKeys, "CN=Tenpay.com SM2 CA (simulated), O=WeChatPay.Chain Simulator, C=CN", now - IssuedBefore, CertificateLifetime);
        var platformSerial = Sm2Certificate.Serial(platformCertificate);
        var platformCertificateFile = ProfileFiles.PlatformCertificate(platformSerial);

        WriteSecret(directory, ProfileFiles.MerchantSm2PrivateKey, Sm2Certificate.Pem(merchantKeys.Private));
        WriteText(directory, ProfileFiles.MerchantSm2Certificate, Sm2Certificate.Pem(merchantCertificate));
        WriteText(directory, platformCertificateFile, Sm2Certificate.Pem(platformCertificate));
        WriteSecret(directory, ProfileFiles.PlatformSm2PrivateKey, Sm2Certificate.Pem(platformKeys.Private));

        var profile = new JsonObject
        {
            ["serial"] = Sm2Certificate.Serial(merchantCertificate),
            ["privateKey"] = ProfileFiles.MerchantSm2PrivateKey,
            ["certs"] = new JsonObject { [platformSerial] = platformCertificateFile },
        };
        var server = new JsonObject
        {
            ["merchantCertificate"] = ProfileFiles.MerchantSm2Certificate,
            ["platformPrivateKey"] = ProfileFiles.PlatformSm2PrivateKey,
            ["platformCertificate"] = platformCertificateFile,
        };
        return (profile, server);
    }

    /// <summary>An APIv2 key as the merchant platform sets one: 32 characters of <c>[0-9A-Za-z]</c>, from the CSPRNG.</summary>
    public static string NewApiV2Key() => Nonce.Create(32);

    private static string RandomDigits(int count) => RandomNumberGenerator.GetString("0123456789", count);

    public static void WriteText(string directory, string name, string text) => File.WriteAllText(Path.Combine(directory, name), text);

    /// <summary>Private keys are readable by their owner only where the file system can say so, as real key files should be.</summary>
    public static void WriteSecret(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
