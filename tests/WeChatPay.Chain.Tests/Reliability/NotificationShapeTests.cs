using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Notification bodies of the wrong shape, signed so that they get past verification, fail typed; replays within the window are the handler's to spot.</summary>
public class NotificationShapeTests
{
    private const string ApiV3Key = TestNotifications.ApiV3Key;
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    private static NotificationReader Reader()
        => new(new ResponseVerifier(new Dictionary<string, System.Security.Cryptography.RSA> { [Fixtures.PlatformSerial] = Rsa.LoadPublicKey(Fixtures.Text("platform_cert.pem")) }, Clock), ApiV3Key);

    private static JObject Envelope() => TestNotifications.Envelope();

    private static Notification Read(string body, long? timestamp = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = (timestamp ?? Clock.Seconds).ToString(CultureInfo.InvariantCulture);
        return Reader().Read(bytes, ts, TestNotifications.Nonce, TestNotifications.Sign(bytes, ts), Fixtures.PlatformSerial);
    }

    private static string With(Action<JObject> change)
    {
        var envelope = Envelope();
        change(envelope);
        return envelope.ToString(Newtonsoft.Json.Formatting.None);
    }

    [Test]
    public void The_same_notification_replayed_within_the_window_is_read_again_with_the_same_id()
    {
        var body = With(_ => { });

        var first = Read(body);
        var again = Read(body, Clock.Seconds + 240);

        Assert.That(again.Id, Is.EqualTo(first.Id), "the id is the key a handler dedupes on");
        Assert.That(again.ResourceText, Is.EqualTo(first.ResourceText));
    }

    [TestCase("ciphertext")]
    [TestCase("algorithm")]
    [TestCase("nonce")]
    public void A_missing_resource_field_is_a_format_error_naming_it(string field)
    {
        var e = Assert.Throws<ResponseFormatException>(() => Read(With(n => ((JObject)n["resource"]!).Remove(field))))!;

        Assert.That(e.Message, Does.Contain(field));
    }

    [TestCase("[]")]
    [TestCase("\"resource\"")]
    [TestCase("not json")]
    [TestCase("")]
    [TestCase("{\"resource\":\"AEAD_AES_256_GCM\"}")]
    [TestCase("{\"resource\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":12,\"ciphertext\":\"AAAA\"}}")]
    public void A_signed_body_that_is_not_a_notification_is_a_format_error(string body)
        => Assert.Throws<ResponseFormatException>(() => Read(body));

    [Test]
    public void A_signed_notification_followed_by_other_text_is_a_format_error()
    {
        var envelope = Envelope().ToString(Newtonsoft.Json.Formatting.None);
        Assert.That(Read(envelope).Id, Is.EqualTo(TestNotifications.Id), "the envelope alone is a notification");
        Assert.Throws<ResponseFormatException>(() => Read(envelope + "{\"id\":\"another\"}"));
    }

    [TestCase("fdasflkja48", "it is 11")]
    [TestCase("fdasflkja4845", "it is 13")]
    [TestCase("订单订单订单", "it is 18")]
    [TestCase("订单订单", "")] // twelve bytes, but not the nonce the resource was encrypted with: the tag does not match
    public void A_nonce_that_is_not_twelve_bytes_is_a_decryption_error(string nonce, string counted)
        => Assert.That(Assert.Throws<DecryptionException>(() => Read(With(n => n["resource"]!["nonce"] = nonce)))!.Message, Does.Contain(counted));

    [Test]
    public void Ciphertext_that_is_not_base64_or_shorter_than_its_tag_is_a_decryption_error()
    {
        Assert.Throws<DecryptionException>(() => Read(With(n => n["resource"]!["ciphertext"] = "not base64!")));
        Assert.Throws<DecryptionException>(() => Read(With(n => n["resource"]!["ciphertext"] = "AAAA")));
    }

    [TestCase("id")]
    [TestCase("event_type")]
    [TestCase("summary")]
    public void A_non_string_envelope_field_is_a_format_error(string field)
    {
        var body = With(n => n[field] = new JObject { ["a"] = 1 });

        Assert.Throws<ResponseFormatException>(() =>
        {
            var notification = Read(body);
            _ = (notification.Id, notification.EventType, notification.Summary, notification.ToString());
        });
    }

    [Test]
    public void A_non_string_associated_data_is_a_format_error()
        => Assert.Throws<ResponseFormatException>(() => Read(With(n => n["resource"]!["associated_data"] = new JArray(1))));
}
