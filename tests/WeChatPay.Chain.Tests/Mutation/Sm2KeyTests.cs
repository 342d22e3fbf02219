using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// SM2 (国密) keys: which PEM blocks are read as SM2, the words of each refusal, when a merchant key's kind and the
/// chosen scheme disagree, and that a malformed SM2 signature is refused, never thrown.
/// </summary>
public class Sm2KeyTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("1700000000\nnonce\n{}\n");

    [Test]
    public void A_block_of_another_label_is_named_in_the_refusal()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Sm2.LoadPrivateKey(Fixtures.Text("sm2_platform_cert.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "PrivateKey holds no PRIVATE KEY or EC PRIVATE KEY or SM2 PRIVATE KEY PEM block for an SM2 key (its first block is a CERTIFICATE)."));
            Assert.That(() => Sm2.LoadPrivateKey("no key", "Merchant.PrivateKey"), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "Merchant.PrivateKey holds no PRIVATE KEY or EC PRIVATE KEY or SM2 PRIVATE KEY PEM block for an SM2 key."));
            Assert.That(() => Sm2.LoadPublicKey(Fixtures.Text("sm2_key.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "Certs holds no PUBLIC KEY PEM block for an SM2 key (its first block is a PRIVATE KEY)."));
        });
    }

    [Test]
    public void Keys_on_another_curve_or_of_another_kind_are_not_sm2()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Sm2.LoadPrivateKey(Fixtures.Text("ec_key.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "PrivateKey holds an EC private key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys."));
            Assert.That(() => Sm2.LoadPrivateKey(Fixtures.Text("merchant_key.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("not on the SM2 curve"));
            Assert.That(() => Sm2.LoadPublicKey(Fixtures.Text("platform_pub.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "Certs holds an EC public key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys."));
        });
    }

    [Test]
    public void A_key_with_the_curve_written_out_is_sm2_only_with_the_sm2_generator()
    {
        var named = Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"));
        var explicitCurve = Sm2.LoadPublicKey(Fixtures.Text("sm2_pub_explicit.pem"));
        Assert.That(explicitCurve.Q, Is.EqualTo(named.Q));

        // The same point and curve with 2G as the generator is a key of another group: refused, not verified against.
        Assert.That(() => Sm2.LoadPublicKey(Fixtures.Text("sm2_pub_explicit_other_generator.pem")), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
            "Certs holds an EC public key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys."));
    }

    [Test]
    public void Damaged_blocks_are_named_by_label_and_failure_type_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Sm2.LoadPrivateKey("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"), Throws.InstanceOf<ConfigurationException>().With.Message.Match(
                @"^PrivateKey holds a EC PRIVATE KEY block that is damaged \(\w+Exception\)\.$"));
            Assert.That(() => Sm2.LoadPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"), Throws.InstanceOf<ConfigurationException>().With.Message.Match(
                @"^PrivateKey holds a PRIVATE KEY block that is damaged \(\w+Exception\)\.$"));
            Assert.That(() => Sm2.LoadPublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"), Throws.InstanceOf<ConfigurationException>().With.Message.Match(
                @"^Certs holds a PUBLIC KEY block that is damaged \(\w+Exception\)\.$"));
        });
    }

    [Test]
    public void A_signer_used_again_still_signs_what_verifies()
    {
        var key = Sm2.LoadPrivateKey(Fixtures.Text("sm2_key.pem"));
        var publicKey = Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"));
        var first = Sm2.Sign(key, Message);
        var second = Sm2.Sign(key, Encoding.UTF8.GetBytes("another"));
        Assert.Multiple(() =>
        {
            Assert.That(Sm2.Verify(publicKey, Message, first), Is.True);
            Assert.That(Sm2.Verify(publicKey, Encoding.UTF8.GetBytes("another"), second), Is.True);
            Assert.That(Sm2.Verify(publicKey, Message, second), Is.False);
        });
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("AAAA")]
    [TestCase("MAYCAQECAQE=")]
    public void A_missing_or_malformed_sm2_signature_is_refused_not_thrown(string? signature)
    {
        var publicKey = Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"));
        Assert.That(Sm2.Verify(publicKey, Message, signature), Is.False);
    }

    [Test]
    public void A_merchant_key_and_a_scheme_that_disagree_are_refused_both_ways()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => MerchantPrivateKey.Load(Fixtures.Text("merchant_key.pem"), SignatureScheme.Sm2WithSm3), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "Scheme is Sm2WithSm3 but PrivateKey is an RSA key. 国密 signing needs the merchant's SM2 private key (PKCS#8 'PRIVATE KEY' or SEC1 'EC PRIVATE KEY' PEM)."));
            Assert.That(() => MerchantPrivateKey.Load(Fixtures.Text("sm2_key.pem"), SignatureScheme.Rsa2048WithSha256), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo(
                "Scheme is Rsa2048WithSha256 but PrivateKey is an SM2 key. Leave Scheme unset, or give the RSA merchant key apiclient_key.pem."));
            Assert.That(MerchantPrivateKey.Load(Fixtures.Text("sm2_key.pem"), SignatureScheme.Sm2WithSm3).Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
            Assert.That(MerchantPrivateKey.Load(Fixtures.MerchantKey.Value, SignatureScheme.Rsa2048WithSha256).Scheme, Is.EqualTo(SignatureScheme.Rsa2048WithSha256));
        });
    }

    [Test]
    public void A_pkcs8_elliptic_curve_key_is_read_as_sm2_and_a_damaged_one_as_rsa()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MerchantPrivateKey.Load(Fixtures.FileUri("sm2_key.pem"), null).Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
            Assert.That(() => MerchantPrivateKey.Load(Fixtures.Text("ec_key.pem"), null), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("not on the SM2 curve"));
            Assert.That(() => MerchantPrivateKey.Load("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", null), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("is not an RSA private key"));
            Assert.That(() => MerchantPrivateKey.Load("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", null), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("EC PRIVATE KEY block that is damaged"));
            Assert.That(() => MerchantPrivateKey.Load("-----BEGIN SM2 PRIVATE KEY-----\nAAAA\n-----END SM2 PRIVATE KEY-----", null), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("SM2 PRIVATE KEY block that is damaged"));
        });
    }

    [Test]
    public void The_merchant_sm2_key_matches_its_public_key_and_no_other()
    {
        var merchant = MerchantPrivateKey.Load(Fixtures.Text("sm2_key.pem"), null);
        var own = PlatformPublicKey.Load(Fixtures.Text("sm2_pub.pem"), "Certs");
        var platform = PlatformPublicKey.Load(Fixtures.Text("sm2_platform_cert.pem"), "Certs");
        Assert.That(merchant.PublicFingerprint(), Is.EqualTo(own.Fingerprint()).And.StartWith("SM2:04"));
        Assert.That(merchant.PublicFingerprint(), Is.Not.EqualTo(platform.Fingerprint()));
        Assert.That(() => PlatformKeys.Load([new("PUB_KEY_ID_1", Fixtures.Text("sm2_pub.pem"))], Fixtures.MerchantSerial, false, merchant.PublicFingerprint(), TimeProvider.System, SignatureScheme.Sm2WithSm3),
            Throws.InstanceOf<ConfigurationException>().With.Message.Contains("Certs[\"PUB_KEY_ID_1\"] holds the merchant's own public key"));
    }
}
