using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.PropertyTests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>Whatever the body and headers, verification either passes a true signature or throws <see cref="ResponseVerificationException"/>.</summary>
public class ResponseVerifierProperties
{
    private static readonly ResponseVerifier Verifier = new(TestKeys.PlatformPublicKeys());

    [Test]
    public void Random_bodies_and_headers_either_verify_or_fail_typed()
    {
        var verified = 0;
        PropertyRun.ForAll(SignedMessage.Cases(Bytes.Body()), Cases.VerifierHeaders, message =>
        {
            try
            {
                Verifier.Verify(message.Timestamp, message.Nonce, message.Signature, message.Serial, message.Body);
            }
            catch (ResponseVerificationException e)
            {
                Assert.That(Enum.IsDefined(e.Reason), Is.True);
                Assert.That(e.Message, Is.Not.Empty);
                return;
            }
            Assert.That(message.Signature, Is.EqualTo(SignedMessage.Sign(message.Timestamp!, message.Nonce!, message.Body)), "only a true signature passes");
            verified++;
        });
        Assert.That(verified, Is.GreaterThan(0), "the generator reaches the success path too");
    }

    [Test]
    public void A_true_signature_verifies_its_own_body_and_no_other()
    {
        var cases = from body in Bytes.Any(300) from flip in Gen.Choose(0, 10_000) select (body, flip);
        PropertyRun.ForAll(cases, Cases.VerifierOwnBody, c =>
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = SignedMessage.Sign(timestamp, "nonce", c.body);
            Assert.DoesNotThrow(() => Verifier.Verify(timestamp, "nonce", signature, TestKeys.PublicKeyId, c.body));

            var altered = c.body.Length == 0 ? [0] : c.body.ToArray();
            if (c.body.Length > 0) altered[c.flip % altered.Length] ^= (byte)(1 << (c.flip % 8));
            var e = Assert.Throws<ResponseVerificationException>(() => Verifier.Verify(timestamp, "nonce", signature, TestKeys.PlatformSerial, altered));
            Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        });
    }
}
