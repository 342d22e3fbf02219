using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.PropertyTests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>
/// Whatever is posted to a notification URL, the reader gives a verified, decrypted <see cref="Notification"/> or a
/// <see cref="WeChatPayException"/>; so does every member of the notification it gives.
/// </summary>
public class NotificationReaderProperties
{
    private static readonly NotificationReader Reader = new(new ResponseVerifier(TestKeys.PlatformPublicKeys()), TestKeys.ApiV3Key);

    /// <summary>Header lists with the four headers in any case, sometimes twice, among others.</summary>
    private static readonly Gen<(byte[] Body, List<KeyValuePair<string, string>> Headers)> Posts =
        from message in SignedMessage.Cases(Bytes.Body())
        from shuffled in Gen.Shuffle(message.Headers().Append(new("Content-Type", "application/json")))
        from repeat in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from lower in Gen.Elements(true, false)
        select (message.Body, shuffled
            .Select(h => new KeyValuePair<string, string>(lower ? h.Key.ToLowerInvariant() : h.Key, h.Value))
            .Concat(repeat ? shuffled.Take(1) : [])
            .ToList());

    [Test]
    public void Random_bodies_and_headers_give_a_notification_or_a_typed_error()
    {
        PropertyRun.ForAll(Posts, Cases.NotificationBytes, post => Open(() => Reader.Read(post.Body, post.Headers)));
    }

    [Test]
    public void Signed_notifications_of_the_documented_field_types_give_a_notification_or_a_typed_error()
    {
        var opened = 0;
        PropertyRun.ForAll(Envelopes.Bodies(textFieldsOnly: true), Cases.SignedTextNotifications, body =>
        {
            if (Open(() => Read(body))) opened++;
        });
        Assert.That(opened, Is.GreaterThan(0), "the generator reaches the success path too");
    }

    [Test]
    public void Signed_notifications_of_any_field_types_give_a_notification_or_a_typed_error()
    {
        PropertyRun.ForAll(Envelopes.Bodies(textFieldsOnly: false), Cases.SignedAnyNotifications, body => Open(() => Read(body)));
    }

    private static Notification Read(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Reader.Read(body, timestamp, "nonce", SignedMessage.Sign(timestamp, "nonce", body), TestKeys.PlatformSerial);
    }

    /// <summary>Reads, then touches every member; true when a notification came out. Anything but a <see cref="WeChatPayException"/> fails.</summary>
    private static bool Open(Func<Notification> read)
    {
        Notification notification;
        try
        {
            notification = read();
        }
        catch (WeChatPayException)
        {
            return false;
        }
        _ = notification.Id;
        _ = notification.EventType;
        _ = notification.Summary;
        _ = notification.ToString();
        _ = notification.Envelope;
        try
        {
            _ = notification.Resource;
        }
        catch (ResponseFormatException)
        {
            // A resource that decrypts to something other than JSON is reported, typed.
        }
        return true;
    }
}
