using System.Security.Cryptography;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Test keys and known answers made by openssl and Python (see Fixtures/make-fixtures.sh).</summary>
internal static class Fixtures
{
    public const string MchId = "1900000001";
    public const string MerchantSerial = "3775B6A45ACDEF1234567890ABCDEF1234567890";
    public const string PlatformSerial = "8F6E0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B";
    public const string PublicKeyId = "PUB_KEY_ID_0119000000012025000100000001";

    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string FileUri(string name) => "file://" + PathOf(name);

    public static readonly Lazy<RSA> MerchantKey = new(() => Load("merchant_key.pem"));

    public static readonly Lazy<RSA> PlatformKey = new(() => Load("platform_key.pem"));

    public static ClientOptions Options(HttpMessageHandler handler, TimeProvider? time = null) => new()
    {
        MchId = MchId,
        Serial = MerchantSerial,
        PrivateKey = MerchantKey.Value,
        Certs = new Dictionary<string, object>
        {
            [PlatformSerial] = Text("platform_cert.pem"),
            [PublicKeyId] = Text("platform_pub.pem"),
        },
        BaseUri = new Uri("https://api.mch.weixin.qq.com/"),
        HttpMessageHandler = handler,
        TimeProvider = time,
    };

    private static RSA Load(string name)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Text(name));
        return rsa;
    }
}
