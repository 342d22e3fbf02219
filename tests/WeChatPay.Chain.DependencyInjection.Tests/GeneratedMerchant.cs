using System.Security.Cryptography;

namespace WeChatPay.Chain.DependencyInjection.Tests;

/// <summary>
/// A made-up merchant whose key files are written to a temporary directory: the merchant private key
/// (<c>apiclient_key.pem</c>, PKCS#8) and a WeChat Pay public key (<c>pub_key.pem</c>), as the merchant platform issues them.
/// </summary>
internal sealed class GeneratedMerchant : IDisposable
{
    public GeneratedMerchant(string mchId)
    {
        MchId = mchId;
        Serial = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        Directory = Path.Combine(Path.GetTempPath(), "wxpay-di-keys-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        PrivateKeyPath = Path.Combine(Directory, "apiclient_key.pem");
        PublicKeyPath = Path.Combine(Directory, "pub_key.pem");
        File.WriteAllText(PrivateKeyPath, Key.ExportPkcs8PrivateKeyPem());
        using var platform = RSA.Create(2048);
        File.WriteAllText(PublicKeyPath, platform.ExportSubjectPublicKeyInfoPem());
    }

    public string MchId { get; }

    public string Serial { get; }

    public string PublicKeyId => "PUB_KEY_ID_01" + MchId + "2025000000000000";

    /// <summary>The merchant key pair, to check signatures against.</summary>
    public RSA Key { get; } = RSA.Create(2048);

    public string Directory { get; }

    public string PrivateKeyPath { get; }

    public string PublicKeyPath { get; }

    /// <summary>The merchant's settings as appsettings.json would hold them, under <paramref name="path"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string path) =>
    [
        new($"{path}:MchId", MchId),
        new($"{path}:Serial", Serial),
        new($"{path}:PrivateKey", PrivateKeyPath),
        new($"{path}:Certs:{PublicKeyId}", PublicKeyPath),
    ];

    public void Dispose()
    {
        Key.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
