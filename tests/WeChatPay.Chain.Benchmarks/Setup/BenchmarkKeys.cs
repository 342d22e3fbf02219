using System.Security.Cryptography;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// The merchant key pair and WeChat Pay's (the platform's) key pair that every scenario uses: the shared test keys
/// (<see cref="TestKeys"/>). The client and the hand-written baseline are given the same <see cref="RSA"/> objects:
/// both sign with a key parsed once and cached.
/// </summary>
public sealed class BenchmarkKeys
{
    /// <summary>The merchant id every request is signed for.</summary>
    public const string MchId = TestKeys.MchId;

    /// <summary>The merchant API certificate serial written into <c>Authorization</c>.</summary>
    public const string MerchantSerial = TestKeys.MerchantSerial;

    /// <summary>The id of WeChat Pay's public key, sent back in <c>Wechatpay-Serial</c>.</summary>
    public const string PlatformKeyId = TestKeys.PublicKeyId;

    /// <summary>The file the merchant private key is written to by <see cref="WriteTo"/>.</summary>
    public const string MerchantKeyFile = "apiclient_key.pem";

    /// <summary>The file WeChat Pay's public key is written to by <see cref="WriteTo"/>.</summary>
    public const string PlatformPublicKeyFile = "pub_key.pem";

    private static readonly Lazy<BenchmarkKeys> Loaded = new(() => new BenchmarkKeys());

    private BenchmarkKeys()
    {
        MerchantKey = TestKeys.MerchantKey;
        PlatformPrivateKey = TestKeys.PlatformKey;
        PlatformPublicKey = TestKeys.PlatformPublicKey;
    }

    /// <summary>The keys of this process, loaded on first use (RSA-2048, as WeChat Pay issues).</summary>
    public static BenchmarkKeys Shared => Loaded.Value;

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
