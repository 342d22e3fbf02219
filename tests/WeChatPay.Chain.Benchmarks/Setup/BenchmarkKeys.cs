using System.Security.Cryptography;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The merchant key pair and WeChat Pay's (the platform's) key pair that every scenario uses, generated once per
/// process, so no key material is checked in. The client and the hand-written baseline are given the same
/// <see cref="RSA"/> objects: both sign with a key parsed once and cached.
/// </summary>
public sealed class BenchmarkKeys
{
    /// <summary>The merchant id every request is signed for.</summary>
    public const string MchId = "1900000001";

    /// <summary>The merchant API certificate serial written into <c>Authorization</c>.</summary>
    public const string MerchantSerial = "3775B6A45ACD588826D15E583A95F5DD00000001";

    /// <summary>The id of WeChat Pay's public key, sent back in <c>Wechatpay-Serial</c>.</summary>
    public const string PlatformKeyId = "PUB_KEY_ID_0119000000012025000100000001";

    /// <summary>The file the merchant private key is written to by <see cref="WriteTo"/>.</summary>
    public const string MerchantKeyFile = "apiclient_key.pem";

    /// <summary>The file WeChat Pay's public key is written to by <see cref="WriteTo"/>.</summary>
    public const string PlatformPublicKeyFile = "pub_key.pem";

    private static readonly Lazy<BenchmarkKeys> Generated = new(() => new BenchmarkKeys(RSA.Create(2048), RSA.Create(2048)));

    private BenchmarkKeys(RSA merchantKey, RSA platformPrivateKey)
    {
        MerchantKey = merchantKey;
        PlatformPrivateKey = platformPrivateKey;
        PlatformPublicKey = RSA.Create();
        PlatformPublicKey.ImportSubjectPublicKeyInfo(platformPrivateKey.ExportSubjectPublicKeyInfo(), out _);
    }

    /// <summary>The keys of this process, generated on first use (RSA-2048, as WeChat Pay issues).</summary>
    public static BenchmarkKeys Shared => Generated.Value;

    /// <summary>The merchant private key requests are signed with.</summary>
    public RSA MerchantKey { get; }

    /// <summary>WeChat Pay's private key, used only at setup to sign the canned response.</summary>
    public RSA PlatformPrivateKey { get; }

    /// <summary>WeChat Pay's public key alone, as a merchant holds it, which responses are verified with.</summary>
    public RSA PlatformPublicKey { get; }

    /// <summary>Writes the merchant private key and WeChat Pay's public key as PEM files, for a child process to load cold.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, MerchantKeyFile), MerchantKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, PlatformPublicKeyFile), PlatformPublicKey.ExportSubjectPublicKeyInfoPem());
    }
}
