using System.Security.Cryptography;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.Shared;

/// <summary>
/// The one set of test ids and keys every suite uses: the test kit's merchant and WeChat Pay key pairs (the known
/// answers in WeChatPay.Chain.Tests/Fixtures were made over them by openssl and Python), and a second APIv3 key for
/// the cases where the wrong one is given.
/// </summary>
internal static class TestKeys
{
    public const string MchId = TestMerchant.MchId;
    public const string MerchantSerial = TestMerchant.Serial;
    public const string PlatformSerial = TestPlatform.CertificateSerial;
    public const string PublicKeyId = TestPlatform.PublicKeyId;
    public const string ApiV3Key = TestPlatform.ApiV3Key;
    public const string OtherApiV3Key = "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4";

    private static readonly Lazy<RSA> PlatformPublic = new(() =>
    {
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(TestPlatform.PrivateKey.ExportSubjectPublicKeyInfo(), out _);
        return publicKey;
    });

    /// <summary>The merchant private key.</summary>
    public static RSA MerchantKey => TestMerchant.PrivateKey;

    /// <summary>WeChat Pay's private key, which signs answers and notifications.</summary>
    public static RSA PlatformKey => TestPlatform.PrivateKey;

    /// <summary>WeChat Pay's public key alone, as a merchant holds it.</summary>
    public static RSA PlatformPublicKey => PlatformPublic.Value;

    /// <summary>The platform public key under both of its ids, as a merchant's <c>Certs</c> holds it.</summary>
    public static IReadOnlyDictionary<string, RSA> PlatformPublicKeys() => new Dictionary<string, RSA> { [PlatformSerial] = PlatformPublicKey, [PublicKeyId] = PlatformPublicKey };

    /// <summary>The test merchant's options over <paramref name="transport"/> (the library's own when null), with an optional clock.</summary>
    public static ClientOptions ClientOptions(HttpMessageHandler? transport, TimeProvider? time = null)
    {
        var options = TestMerchant.ClientOptions();
        options.HttpMessageHandler = transport;
        options.TimeProvider = time;
        return options;
    }
}
