using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>An APIv3 key that is not 32 ASCII characters stops the client being built, and is never echoed.</summary>
public class ApiV3KeyTests
{
    [TestCase("0123456789abcdefABCDEF012345678", "must be 32 ASCII characters")]
    [TestCase("0123456789abcdefABCDEF0123456789X", "must be 32 ASCII characters")]
    [TestCase("微信支付商户平台APIv3密钥一二三四五六七八九十甲乙丙丁", "must be 32 ASCII characters")]
    [TestCase("0123456789abcdefABCDEF012345678é", "must be 32 ASCII characters")]
    [TestCase("", "is not set")]
    public void A_wrong_apiv3_key_is_refused_when_the_client_is_built(string key, string message)
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.ApiV3Key = key;

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;

        Assert.That(e.Message, Does.StartWith("ApiV3Key").And.Contain(message));
        if (key.Length > 0) Assert.That(e.ToString(), Does.Not.Contain(key));
    }
}
