using System.Net;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>The answers of <see cref="Rsa.Verify"/> that decide whether a response is trusted, at their edges.</summary>
public class RsaVerifyTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("1700000000\nnonce\n{\"ok\":true}\n");

    private static string GoodSignature => Rsa.Sign(Fixtures.PlatformKey.Value, Message);

    [Test]
    public void A_good_signature_verifies_so_that_the_refusals_below_mean_something()
        => Assert.That(Rsa.Verify(TestKeysPublic, Message, GoodSignature), Is.True);

    [TestCase(null)]
    [TestCase("")]
    public void A_missing_or_empty_signature_is_refused_not_accepted(string? signature)
        => Assert.That(Rsa.Verify(TestKeysPublic, Message, signature), Is.False);

    [Test]
    public void A_missing_or_empty_signature_never_reaches_the_key()
    {
        var key = new KeyStoreRsa();
        Assert.Multiple(() =>
        {
            Assert.That(Rsa.Verify(key, Message, null), Is.False);
            Assert.That(Rsa.Verify(key, Message, ""), Is.False);
            Assert.That(key.Verifications, Is.Zero);
        });
    }

    [TestCase("not base64!")]
    [TestCase("AAAA")]
    public void A_signature_that_is_not_base64_or_too_short_is_refused(string signature)
        => Assert.That(Rsa.Verify(TestKeysPublic, Message, signature), Is.False);

    [Test]
    public void A_signature_longer_than_an_8192_bit_keys_is_refused_without_reaching_the_key_and_one_as_long_reaches_it()
    {
        var key = new KeyStoreRsa(8192);
        Assert.That(Rsa.Verify(key, Message, Convert.ToBase64String(new byte[1025])), Is.False);
        Assert.That(key.Verifications, Is.Zero, "1,025 bytes are no RSA signature of a key the client can hold");
        Assert.That(Rsa.Verify(key, Message, Convert.ToBase64String(new byte[1024])), Is.False);
        Assert.That(key.Verifications, Is.EqualTo(1), "an 8,192-bit key's signature is checked by the key");
        Assert.That(Rsa.Verify(TestKeysPublic, Message, Convert.ToBase64String(new byte[1050])), Is.False);
    }

    [Test]
    public void A_key_whose_verification_throws_refuses_the_signature_instead_of_throwing()
    {
        var key = new KeyStoreRsa();
        Assert.That(Rsa.Verify(key, Message, GoodSignature), Is.False);
        Assert.That(key.Verifications, Is.EqualTo(1), "the signature reached the key");
    }

    [Test]
    public async Task A_key_store_key_in_certs_that_fails_makes_the_response_a_bad_signature_not_a_crash()
    {
        using var stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"ok\":true}") };
        var options = Fixtures.Options(stub);
        options.Certs.Clear();
        var key = new KeyStoreRsa();
        options.Certs[Fixtures.PlatformSerial] = key;
        using var client = new WeChatPayClient(options);
        var e = await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates"));
        Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(key.Verifications, Is.EqualTo(1));
    }

    private static RSA TestKeysPublic => Shared.TestKeys.PlatformPublicKey;
}
