using System.Security.Cryptography;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>Keys made for this run: a platform key pair that signs generated answers, and a merchant key that signs requests.</summary>
internal static class TestKeys
{
    public const string PlatformSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string PublicKeyId = "PUB_KEY_ID_0119000000012025000100000001";
    public const string MerchantSerial = "3775B6A45ACDEF1234567890ABCDEF1234567890";
    public const string ApiV3Key = "a5B7c9D1e3F5g7H9i1J3k5L7m9N1o3P5";

    public static readonly Lazy<RSA> Platform = new(() => RSA.Create(2048));

    public static readonly Lazy<RSA> Merchant = new(() => RSA.Create(2048));

    /// <summary>The platform public key alone, under both ids, as a merchant holds it.</summary>
    public static IReadOnlyDictionary<string, RSA> PlatformPublicKeys()
    {
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(Platform.Value.ExportSubjectPublicKeyInfo(), out _);
        return new Dictionary<string, RSA> { [PlatformSerial] = publicKey, [PublicKeyId] = publicKey };
    }

    /// <summary>Options for a client whose transport is <paramref name="handler"/>.</summary>
    public static ClientOptions ClientOptions(HttpMessageHandler handler) => new()
    {
        MchId = "1900000001",
        Serial = MerchantSerial,
        PrivateKey = Merchant.Value,
        Certs = PlatformPublicKeys().ToDictionary(pair => pair.Key, pair => (object)pair.Value),
        ApiV3Key = ApiV3Key,
        HttpMessageHandler = handler,
    };
}
