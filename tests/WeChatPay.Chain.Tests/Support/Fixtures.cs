using System.Security.Cryptography;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>
/// The known answers made by openssl and Python (see Fixtures/make-fixtures.sh) over the test keys of
/// <see cref="TestKeys"/>, and the ids and options of those keys under the names this suite uses.
/// </summary>
internal static class Fixtures
{
    public const string MchId = TestKeys.MchId;
    public const string MerchantSerial = TestKeys.MerchantSerial;
    public const string PlatformSerial = TestKeys.PlatformSerial;
    public const string PublicKeyId = TestKeys.PublicKeyId;

    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string FileUri(string name) => "file://" + PathOf(name);

    public static readonly Lazy<RSA> MerchantKey = new(() => TestKeys.MerchantKey);

    public static readonly Lazy<RSA> PlatformKey = new(() => TestKeys.PlatformKey);

    /// <summary>
    /// The test merchant over <paramref name="handler"/>, trusting the platform certificate and public key, at the default
    /// endpoint; without an APIv3 key, which the tests that need one set.
    /// </summary>
    public static ClientOptions Options(HttpMessageHandler handler, TimeProvider? time = null)
    {
        var options = TestKeys.ClientOptions(handler, time);
        options.ApiV3Key = null;
        return options;
    }

    /// <summary>The test merchant's options for calls over real HTTP to <paramref name="baseUri"/>, through the client's own transport.</summary>
    public static ClientOptions OverHttp(Uri baseUri)
    {
        var options = Options(null!);
        options.HttpMessageHandler = null;
        options.BaseUri = baseUri;
        return options;
    }
}
