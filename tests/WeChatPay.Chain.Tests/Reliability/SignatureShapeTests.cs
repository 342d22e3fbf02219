using System.Net;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Signatures that are cut, padded, or made by the wrong key fail as <see cref="VerificationFailure.BadSignature"/>.</summary>
public class SignatureShapeTests
{
    private const string Body = "{\"state\":\"FINISHED\"}";

    private static ResponseVerificationException Rejected(Func<string, string> alter, string serial = Fixtures.PlatformSerial)
    {
        using var stub = new StubHandler
        {
            Respond = _ =>
            {
                var response = StubHandler.Signed(HttpStatusCode.OK, Body, serial);
                var signature = response.Headers.GetValues(WeChatPayHeaders.Signature).Single();
                response.Headers.Remove(WeChatPayHeaders.Signature);
                response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, alter(signature));
                return response;
            },
        };
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        return Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
    }

    [Test]
    public void A_truncated_signature_is_rejected() => Assert.That(Rejected(s => s[..^8]).Reason, Is.EqualTo(VerificationFailure.BadSignature));

    [Test]
    public void A_signature_with_bytes_appended_is_rejected() => Assert.That(Rejected(s => Convert.ToBase64String([.. Convert.FromBase64String(s), 0])).Reason, Is.EqualTo(VerificationFailure.BadSignature));

    [Test]
    public void A_signature_by_the_merchant_key_is_rejected()
        => Assert.That(Rejected(_ => Rsa.Sign(Fixtures.MerchantKey.Value, SignatureMessage.ForResponse("1", "n", "{}"u8))).Reason, Is.EqualTo(VerificationFailure.BadSignature));

    [Test]
    public void A_signature_naming_the_merchants_own_serial_is_an_unknown_serial()
        => Assert.That(Rejected(s => s, Fixtures.MerchantSerial).Reason, Is.EqualTo(VerificationFailure.UnknownSerial));

    [Test]
    public void Spaces_inside_a_true_signature_are_skipped_as_base64_decoding_does()
    {
        using var stub = new StubHandler
        {
            Respond = _ =>
            {
                var response = StubHandler.Signed(HttpStatusCode.OK, Body);
                var signature = response.Headers.GetValues(WeChatPayHeaders.Signature).Single();
                response.Headers.Remove(WeChatPayHeaders.Signature);
                response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, signature[..100] + "  " + signature[100..]);
                return response;
            },
        };
        using var client = new WeChatPayClient(Fixtures.Options(stub));

        Assert.That(client.Send(HttpMethod.Get, "v3/x").Text, Is.EqualTo(Body), "the same signature bytes, so the same proof");
    }
}
