using System.Security.Cryptography;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.AspNetCore.Tests.Support;

/// <summary>The shared test keys (<see cref="TestKeys"/>) under this suite's names, and clients and readers over them.</summary>
internal static class TestPlatform
{
    public const string Serial = TestKeys.PlatformSerial;
    public const string ApiV3Key = TestKeys.ApiV3Key;
    public const string OtherApiV3Key = TestKeys.OtherApiV3Key;

    public static readonly Lazy<RSA> PrivateKey = new(() => TestKeys.PlatformKey);

    public static readonly Lazy<RSA> MerchantKey = new(() => TestKeys.MerchantKey);

    /// <summary>A client that trusts <see cref="PrivateKey"/> under <see cref="Serial"/>, with the given APIv3 key (none when null).</summary>
    public static WeChatPayClient Client(string? apiV3Key = ApiV3Key)
    {
        var options = TestKeys.ClientOptions(null);
        options.ApiV3Key = apiV3Key;
        return new WeChatPayClient(options);
    }

    /// <summary>A reader that trusts <see cref="PrivateKey"/> under <see cref="Serial"/>, with the given APIv3 key.</summary>
    public static NotificationReader Reader(string apiV3Key = ApiV3Key) => new(new ResponseVerifier(TestKeys.PlatformPublicKeys()), apiV3Key);
}
