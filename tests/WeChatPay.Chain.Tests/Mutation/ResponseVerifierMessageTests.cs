using System.Text;
using WeChatPay.Chain.Tests.Shared;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>What a refused answer's message says: which way the clock is off, and the unknown serial, clipped.</summary>
public class ResponseVerifierMessageTests
{
    private const long Now = 1700000000;
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{}");

    private static ResponseVerifier Verifier() => new(new Dictionary<string, System.Security.Cryptography.RSA> { [Fixtures.PlatformSerial] = TestKeys.PlatformPublicKey },
        new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Now)));

    private static VerificationResult Check(long timestamp, string serial = Fixtures.PlatformSerial)
        => Verifier().Check(timestamp.ToString(), "nonce", "c2lnbmF0dXJl", serial, Body);

    [Test]
    public void A_timestamp_beyond_the_window_says_which_way_and_how_far()
    {
        Assert.That(Check(Now - 301).Message, Does.StartWith("Wechatpay-Timestamp is 301 s in the past, beyond the 300 s window"));
        Assert.That(Check(Now + 301).Message, Does.StartWith("Wechatpay-Timestamp is 301 s in the future, beyond the 300 s window"));
        Assert.That(Check(Now + 301).Failure, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
    }

    [Test]
    public void A_timestamp_at_the_edge_of_the_window_is_within_it()
    {
        Assert.That(Check(Now - 300).Failure, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(Check(Now + 300).Failure, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public void A_timestamp_of_twelve_digits_is_read_and_one_of_thirteen_is_not_a_number_of_seconds()
    {
        Assert.That(Check(100000000000).Failure, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
        Assert.That(Check(1000000000000).Failure, Is.EqualTo(VerificationFailure.MalformedTimestamp));
    }

    [Test]
    public void An_unknown_serial_is_named_up_to_64_characters_and_clipped_after()
    {
        var serial64 = new string('A', 64);
        Assert.That(Check(Now, serial64).Message, Does.StartWith($"Wechatpay-Serial {serial64} is not in Certs (it holds {Fixtures.PlatformSerial})."));
        Assert.That(Check(Now, serial64 + "B").Message, Does.StartWith($"Wechatpay-Serial {serial64}… is not in Certs"));
    }

    [Test]
    public void An_unknown_serial_is_told_every_key_the_client_holds()
    {
        var verifier = new ResponseVerifier(new Dictionary<string, System.Security.Cryptography.RSA>
        {
            [Fixtures.PlatformSerial] = TestKeys.PlatformPublicKey,
            [Fixtures.PublicKeyId] = TestKeys.PlatformPublicKey,
        }, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Now)));

        Assert.That(verifier.Check(Now.ToString(), "nonce", "c2lnbmF0dXJl", "5A5A", Body).Message, Is.EqualTo(
            $"Wechatpay-Serial 5A5A is not in Certs (it holds {Fixtures.PlatformSerial}, {Fixtures.PublicKeyId}). Add that platform certificate or PUB_KEY_ID_ public key; platform certificates are downloaded from GET /v3/certificates."));
    }
}
