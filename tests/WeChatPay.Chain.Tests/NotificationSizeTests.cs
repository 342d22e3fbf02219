using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A notification body over <c>ClientOptions.MaxNotificationBytes</c> is refused before it is verified or parsed, with
/// an error that names the setting; raised, the same signed body is read. Sync and async.
/// </summary>
public class NotificationSizeTests
{
    /// <summary>A signed notification of about 2 MiB: a documented one with a long summary.</summary>
    private static (byte[] Body, Dictionary<string, string> Headers) Large()
    {
        var envelope = TestNotifications.Envelope();
        envelope["summary"] = new string('支', 700_000); // three UTF-8 bytes each
        return TestNotifications.Posted(envelope, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    private static WeChatPayClient Client(int? maxNotificationBytes = null)
    {
        var options = Fixtures.Options(new StubHandler());
        options.ApiV3Key = TestNotifications.ApiV3Key;
        if (maxNotificationBytes is { } max) options.MaxNotificationBytes = max;
        return new WeChatPayClient(options);
    }

    [Test]
    public async Task A_body_over_the_bound_is_refused_naming_the_setting_before_its_signature_is_checked()
    {
        var (body, headers) = Large();
        headers["Wechatpay-Signature"] = "not even a signature";
        using var client = Client();

        var sync = Assert.Throws<ResponseFormatException>(() => client.Notifications.Read(body, headers))!;
        var async = (await Assert.ThrowsAsync<ResponseFormatException>(() => client.Notifications.ReadAsync(body, headers)))!;

        foreach (var e in new[] { sync, async })
        {
            Assert.That(e.Message, Does.StartWith($"The notification body is {body.Length} bytes, more than MaxNotificationBytes (1048576)"));
            Assert.That(e.Message, Does.Contain("raise ClientOptions.MaxNotificationBytes"));
        }
    }

    [Test]
    public async Task Raising_the_setting_as_the_error_says_reads_the_same_signed_body()
    {
        var (body, headers) = Large();
        using var client = Client(maxNotificationBytes: 4 * 1024 * 1024);

        var sync = client.Notifications.Read(body, headers);
        var async = await client.Notifications.ReadAsync(body, headers);

        Assert.That(sync.Summary, Has.Length.EqualTo(700_000));
        Assert.That(async.EventType, Is.EqualTo("TRANSACTION.SUCCESS"));
    }

    [Test]
    public void A_reader_of_its_own_has_the_same_default_bound_and_a_bad_setting_is_refused()
    {
        Assert.That(new Notifications.NotificationReader(new ResponseVerifier(PlatformKeys.Load(Fixtures.Options(new StubHandler()).Certs, Fixtures.MerchantSerial)), TestNotifications.ApiV3Key).MaxBodyBytes, Is.EqualTo(1024 * 1024));
        Assert.That(() => Client(maxNotificationBytes: 0), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("MaxNotificationBytes must be positive"));
    }
}
