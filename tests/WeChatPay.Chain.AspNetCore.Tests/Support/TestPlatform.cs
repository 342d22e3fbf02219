using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.AspNetCore.Tests.Support;

/// <summary>Made-up keys — WeChat Pay platform key, merchant key, APIv3 keys — and clients and readers over them.</summary>
internal static class TestPlatform
{
    public const string Serial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public const string ApiV3Key = "a5B7c9D1e3F5g7H9i1J3k5L7m9N1o3P5";
    public const string OtherApiV3Key = "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4";

    public static readonly Lazy<RSA> PrivateKey = new(() => RSA.Create(2048));

    /// <summary>A made-up merchant key: the clients built here never send a request, but a client needs one.</summary>
    public static readonly Lazy<RSA> MerchantKey = new(() => RSA.Create(2048));

    /// <summary>A client that trusts <see cref="PrivateKey"/> under <see cref="Serial"/>, with the given APIv3 key (none when null).</summary>
    public static WeChatPayClient Client(string? apiV3Key = ApiV3Key) => new(new ClientOptions
    {
        MchId = "1900000001",
        Serial = "3775B6A45ACDEF1234567890ABCDEF1234567890",
        PrivateKey = MerchantKey.Value,
        Certs = { [Serial] = PublicKey() },
        ApiV3Key = apiV3Key,
    });

    /// <summary>A reader that trusts <see cref="PrivateKey"/> under <see cref="Serial"/>, with the given APIv3 key.</summary>
    public static NotificationReader Reader(string apiV3Key = ApiV3Key)
        => new(new ResponseVerifier(new Dictionary<string, RSA> { [Serial] = PublicKey() }), apiV3Key);

    private static RSA PublicKey()
    {
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(PrivateKey.Value.ExportSubjectPublicKeyInfo(), out _);
        return publicKey;
    }
}
