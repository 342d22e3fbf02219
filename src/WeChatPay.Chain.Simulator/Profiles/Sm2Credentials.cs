using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>
/// The 国密 half of a profile, loaded and checked: the merchant's SM2 certificate serial, key file and public key, and
/// the SM2 platform certificate with its private key. The <c>sm2</c> entry of <c>profile.json</c> says what a client
/// uses (<c>serial</c>, <c>privateKey</c>, <c>certs</c>); that of <c>server.json</c> what the simulator uses.
/// </summary>
internal sealed class Sm2Credentials
{
    private Sm2Credentials(string merchantSerial, string privateKeyPath, string merchantCertificatePath, IReadOnlyDictionary<string, string> certificatePaths,
        ECPublicKeyParameters merchantPublicKey, X509Certificate platformCertificate, string platformCertificatePath, string platformCertificatePem, ECPrivateKeyParameters platformPrivateKey)
    {
        MerchantSerial = merchantSerial;
        PrivateKeyPath = privateKeyPath;
        MerchantCertificatePath = merchantCertificatePath;
        CertificatePaths = certificatePaths;
        MerchantPublicKey = merchantPublicKey;
        PlatformCertificate = platformCertificate;
        PlatformCertificatePath = platformCertificatePath;
        PlatformCertificatePem = platformCertificatePem;
        PlatformCertificateSerial = Sm2Certificate.Serial(platformCertificate);
        PlatformPrivateKey = platformPrivateKey;
    }

    public string MerchantSerial { get; }

    public string PrivateKeyPath { get; }

    public string MerchantCertificatePath { get; }

    /// <summary>The <c>sm2.certs</c> map with full paths.</summary>
    public IReadOnlyDictionary<string, string> CertificatePaths { get; }

    public ECPublicKeyParameters MerchantPublicKey { get; }

    public X509Certificate PlatformCertificate { get; }

    public string PlatformCertificatePath { get; }

    public string PlatformCertificatePem { get; }

    public string PlatformCertificateSerial { get; }

    public ECPrivateKeyParameters PlatformPrivateKey { get; }

    /// <summary>Reads both <c>sm2</c> entries and checks that keys and certificates belong together.</summary>
    /// <param name="profile"><c>profile.json</c>.</param>
    /// <param name="server"><c>simulator/server.json</c>.</param>
    /// <param name="resolve">Makes a path in the profile a full path.</param>
    /// <param name="read">Reads a file, or throws the profile's <see cref="ConfigurationException"/>.</param>
    /// <param name="invalid">Makes the exception for a problem, worded for the profile.</param>
    /// <exception cref="ConfigurationException">An entry or file is missing or unreadable, or keys and certificates do not match.</exception>
    public static Sm2Credentials Load(JsonObject profile, JsonObject server, Func<string, string> resolve, Func<string, string> read, Func<string, ConfigurationException> invalid)
    {
        var client = profile[ProfileUpgrade.Sm2Field] as JsonObject ?? throw invalid("sm2 is missing or not an object");
        var own = server[ProfileUpgrade.Sm2Field] as JsonObject ?? throw invalid($"{ProfileFiles.ServerJson} has no sm2 object");
        string Field(JsonObject entry, string name, string where) => entry[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw invalid($"{where}.{name} is missing or not a string");

        var merchantSerial = Field(client, "serial", "sm2");
        var privateKeyPath = resolve(Field(client, "privateKey", "sm2"));
        var certs = client["certs"] as JsonObject ?? throw invalid("sm2.certs is missing or not an object");
        var certificatePaths = certs.ToDictionary(pair => pair.Key, pair => resolve(Field(certs, pair.Key, "sm2.certs")), StringComparer.Ordinal);

        var merchantCertificatePath = resolve(Field(own, "merchantCertificate", "server sm2"));
        var (merchantCertificate, merchantPublicKey) = Sm2Certificate.Read(read(merchantCertificatePath), ProfileFiles.MerchantSm2Certificate);
        var platformCertificatePath = resolve(Field(own, "platformCertificate", "server sm2"));
        var platformPem = read(platformCertificatePath);
        var (platformCertificate, platformPublicKey) = Sm2Certificate.Read(platformPem, "the SM2 platform certificate");
        var platformPrivateKey = Sm2.LoadPrivateKey(read(resolve(Field(own, "platformPrivateKey", "server sm2"))), ProfileFiles.PlatformSm2PrivateKey);
        var merchantPrivateKey = Sm2.LoadPrivateKey(read(privateKeyPath), ProfileFiles.MerchantSm2PrivateKey);

        var credentials = new Sm2Credentials(merchantSerial, privateKeyPath, merchantCertificatePath, certificatePaths, merchantPublicKey, platformCertificate, platformCertificatePath, platformPem, platformPrivateKey);
        if (!string.Equals(Sm2Certificate.Serial(merchantCertificate), merchantSerial, StringComparison.OrdinalIgnoreCase))
            throw invalid($"sm2.serial is {merchantSerial} but {ProfileFiles.MerchantSm2Certificate} has serial {Sm2Certificate.Serial(merchantCertificate)}");
        if (!Sm2Certificate.SameKey(merchantPrivateKey, merchantPublicKey))
            throw invalid($"sm2.privateKey ({Path.GetFileName(privateKeyPath)}) does not belong to {ProfileFiles.MerchantSm2Certificate}");
        if (!Sm2Certificate.SameKey(platformPrivateKey, platformPublicKey))
            throw invalid($"{ProfileFiles.PlatformSm2PrivateKey} does not belong to the SM2 platform certificate");
        if (!certificatePaths.ContainsKey(credentials.PlatformCertificateSerial))
            throw invalid($"sm2.certs must hold the SM2 platform certificate serial {credentials.PlatformCertificateSerial}");
        return credentials;
    }
}
