using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class NotificationTests
{
    private const string ApiV3Key = TestNotifications.ApiV3Key;
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    private static NotificationReader Reader(string key = ApiV3Key)
    {
        var keys = new Dictionary<string, System.Security.Cryptography.RSA> { [Fixtures.PlatformSerial] = Rsa.LoadPublicKey(Fixtures.Text("platform_cert.pem")) };
        return new NotificationReader(new ResponseVerifier(keys, Clock), key);
    }

    private static (byte[] Body, Dictionary<string, string> Headers) Posted(string? algorithm = null, Action<JObject>? tamper = null, long? timestamp = null, string resource = "{\"out_order_no\":\"NO1\",\"state\":\"USER_PAID\"}")
    {
        var envelope = TestNotifications.Envelope("PAYSCORE.USER_PAID", resource, "payscore", algorithm);
        tamper?.Invoke(envelope);
        var (body, headers) = TestNotifications.Posted(envelope, timestamp ?? Clock.Seconds);
        // Header names in another case than WeChat Pay's: the reader matches them without regard to case.
        headers["wechatpay-timestamp"] = headers[WeChatPayHeaders.Timestamp];
        headers.Remove(WeChatPayHeaders.Timestamp);
        return (body, headers);
    }

    [Test]
    public void A_signed_notification_is_verified_and_decrypted()
    {
        var (body, headers) = Posted();
        var n = Reader().Read(body, headers);
        Assert.That(n.EventType, Is.EqualTo("PAYSCORE.USER_PAID"));
        Assert.That(n.Id, Is.EqualTo(TestNotifications.Id));
        Assert.That((string?)n.Resource["state"], Is.EqualTo("USER_PAID"));
        Assert.That((string)((dynamic)n.Resource).out_order_no, Is.EqualTo("NO1"));
    }

    [Test]
    public void A_repeated_signature_header_is_rejected()
    {
        var (body, headers) = Posted();
        var repeated = headers.Append(new KeyValuePair<string, string>("wechatpay-signature", "AAAA"));
        Assert.That(Assert.Throws<ResponseVerificationException>(() => Reader().Read(body, repeated))!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
    }

    [Test]
    public void A_re_serialised_body_fails_verification()
    {
        var (body, headers) = Posted();
        var reformatted = Encoding.UTF8.GetBytes(JObject.Parse(Encoding.UTF8.GetString(body)).ToString());
        Assert.That(Assert.Throws<ResponseVerificationException>(() => Reader().Read(reformatted, headers))!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public void An_old_notification_replayed_is_rejected()
    {
        var (body, headers) = Posted(timestamp: Clock.Seconds - 3600);
        Assert.That(Assert.Throws<ResponseVerificationException>(() => Reader().Read(body, headers))!.Reason, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
    }

    [Test]
    public void A_wrong_apiv3_key_is_a_decryption_error()
    {
        var (body, headers) = Posted();
        Assert.Throws<DecryptionException>(() => Reader("ffffffffffffffffffffffffffffffff").Read(body, headers));
    }

    [Test]
    public void Tampered_ciphertext_or_aad_is_a_decryption_error()
    {
        var (b1, h1) = Posted(tamper: e => e["resource"]!["associated_data"] = "transaction");
        Assert.Throws<DecryptionException>(() => Reader().Read(b1, h1));
        var (b2, h2) = Posted(tamper: e =>
        {
            var bytes = Convert.FromBase64String((string)e["resource"]!["ciphertext"]!);
            bytes[3] ^= 0x40;
            e["resource"]!["ciphertext"] = Convert.ToBase64String(bytes);
        });
        Assert.Throws<DecryptionException>(() => Reader().Read(b2, h2));
    }

    [Test]
    public void Unknown_algorithms_and_missing_fields_are_format_errors()
    {
        // AEAD_SM4_GCM is known since 国密 notifications (SmNotificationTests); an algorithm WeChat Pay does not use stays unknown.
        var (b1, h1) = Posted(algorithm: "AEAD_CHACHA20_POLY1305");
        Assert.That(Assert.Throws<ResponseFormatException>(() => Reader().Read(b1, h1))!.Message, Does.Contain("AEAD_CHACHA20_POLY1305").And.Contain("AEAD_SM4_GCM"));
        var (b2, h2) = Posted(tamper: e => ((JObject)e["resource"]!).Remove("nonce"));
        Assert.That(Assert.Throws<ResponseFormatException>(() => Reader().Read(b2, h2))!.Message, Does.Contain("nonce"));
        var (b3, h3) = Posted(tamper: e => e.Remove("resource"));
        Assert.Throws<ResponseFormatException>(() => Reader().Read(b3, h3));
    }

    private sealed class PaidOrder
    {
        [Newtonsoft.Json.JsonProperty("out_order_no")]
        public string? OutOrderNo { get; set; }

        public string? State { get; set; }

        public int Amount { get; set; }
    }

    [Test]
    public void The_resource_deserialises_into_a_typed_object()
    {
        var (body, headers) = Posted(resource: "{\"out_order_no\":\"NO1\",\"state\":\"USER_PAID\",\"amount\":1200}");
        var order = Reader().Read(body, headers).ResourceAs<PaidOrder>();
        Assert.That(order, Is.Not.Null);
        Assert.That(order!.OutOrderNo, Is.EqualTo("NO1"));
        Assert.That(order.State, Is.EqualTo("USER_PAID"));
        Assert.That(order.Amount, Is.EqualTo(1200));
    }

    [Test]
    public void A_resource_that_does_not_fit_the_type_is_a_format_error()
    {
        var (body, headers) = Posted(resource: "{\"out_order_no\":\"NO1\",\"amount\":\"twelve\"}");
        var notification = Reader().Read(body, headers);
        Assert.That(Assert.Throws<ResponseFormatException>(() => notification.ResourceAs<PaidOrder>())!.Message, Does.Contain("does not fit PaidOrder"));
    }

    [TestCase("{\"a\":1}", typeof(int))]
    [TestCase("\"not-a-guid\"", typeof(Guid))]
    [TestCase("99999999999", typeof(int))]
    [TestCase("[1,2]", typeof(string))]
    public void A_resource_that_does_not_fit_a_simple_type_is_a_format_error(string resource, Type type)
    {
        var (body, headers) = Posted(resource: resource);
        var notification = Reader().Read(body, headers);
        var resourceAs = typeof(Notification).GetMethod(nameof(Notification.ResourceAs))!.MakeGenericMethod(type);

        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => resourceAs.Invoke(notification, null))!.InnerException;

        Assert.That(e, Is.InstanceOf<ResponseFormatException>().With.Message.Contains($"does not fit {type.Name}"));
    }

    [Test]
    public void Times_in_the_resource_stay_the_text_wechat_pay_sent()
    {
        var (body, headers) = Posted(resource: "{\"out_order_no\":\"NO1\",\"success_time\":\"2018-06-08T10:34:56+08:00\"}");
        var notification = Reader().Read(body, headers);

        Assert.That((string?)notification.Resource["success_time"], Is.EqualTo("2018-06-08T10:34:56+08:00"));
        Assert.That(notification.Resource["success_time"]!.Type, Is.EqualTo(JTokenType.String));
        Assert.That(notification.ResourceAs<Dictionary<string, string>>()!["success_time"], Is.EqualTo("2018-06-08T10:34:56+08:00"));
    }

    [TestCase("id")]
    [TestCase("event_type")]
    public async Task A_notification_without_its_id_or_event_type_is_a_format_error(string field)
    {
        var (b1, h1) = Posted(tamper: e => e.Remove(field));
        Assert.That(Assert.Throws<ResponseFormatException>(() => Reader().Read(b1, h1))!.Message, Does.Contain($"has no '{field}'"));
        var (b2, h2) = Posted(tamper: e => e[field] = "");
        Assert.That(Assert.Throws<ResponseFormatException>(() => Reader().Read(b2, h2))!.Message, Does.Contain($"has no '{field}'"), "an empty value is no better");
        var (b3, h3) = Posted(tamper: e => e[field] = null);
        Assert.That((await Assert.ThrowsAsync<ResponseFormatException>(() => Reader().ReadAsync(b3, h3)))!.Message, Does.Contain($"has no '{field}'"), "nor a null, read asynchronously");
    }

    [Test]
    public void A_client_without_an_apiv3_key_says_so()
    {
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        Assert.That(Assert.Throws<ConfigurationException>(() => _ = client.Notifications)!.Message, Does.Contain("ApiV3Key"));
    }
}
