using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Limits and retry settings out of range stop the client being built, naming the setting.</summary>
public class SettingLimitTests
{
    private static readonly object[] Changes =
    [
        new object[] { (Action<ClientOptions>)(o => o.MaxResponseBodyBytes = 0), "MaxResponseBodyBytes" },
        new object[] { (Action<ClientOptions>)(o => o.Timeout = TimeSpan.FromSeconds(-1)), "Timeout" },
        new object[] { (Action<ClientOptions>)(o => o.Timeout = TimeSpan.FromDays(25)), "Timeout must be positive and at most 24 days" },
        new object[] { (Action<ClientOptions>)(o => o.DownloadTimeout = TimeSpan.Zero), "DownloadTimeout must be positive" },
        new object[] { (Action<ClientOptions>)(o => o.DownloadTimeout = TimeSpan.FromDays(25)), "DownloadTimeout must be positive and at most 24 days" },
        new object[] { (Action<ClientOptions>)(o => o.MaxGunzipRatio = 0), "MaxGunzipRatio must be at least 1" },
        new object[] { (Action<ClientOptions>)(o => { o.ApiV3Key = "0123456789abcdefABCDEF0123456789"; o.AutoRefreshPlatformCertificates = true; o.PlatformCertificatesRefreshInterval = TimeSpan.FromDays(50); }), "PlatformCertificatesRefreshInterval" },
        new object[] { (Action<ClientOptions>)(o => o.Retry = new RetryPolicy { MaxDelay = TimeSpan.FromDays(30) }), "Retry.MaxDelay" },
        new object[] { (Action<ClientOptions>)(o => o.Retry = new RetryPolicy { MaxAttempts = 11 }), "Retry.MaxAttempts" },
        new object[] { (Action<ClientOptions>)(o => o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(-1) }), "Retry.BaseDelay" },
        new object[] { (Action<ClientOptions>)(o => o.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(9), MaxDelay = TimeSpan.FromSeconds(1) }), "Retry.BaseDelay" },
        new object[] { (Action<ClientOptions>)(o => o.PrivateKey = 42), "PrivateKey is a Int32" },
        new object[] { (Action<ClientOptions>)(o => o.Certs["PUB_KEY_ID_X"] = 42), "Certs[\"PUB_KEY_ID_X\"] is a Int32" },
        new object[] { (Action<ClientOptions>)(o => o.BaseUri = new Uri("https://api.mch.weixin.qq.com/?x=1")), "BaseUri" },
    ];

    [TestCaseSource(nameof(Changes))]
    public void Out_of_range_settings_are_refused_naming_the_setting(Action<ClientOptions> change, string message)
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        change(options);

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;

        Assert.That(e.Message, Does.Contain(message));
    }
}
