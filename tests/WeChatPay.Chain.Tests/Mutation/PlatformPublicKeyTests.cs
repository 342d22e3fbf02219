using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WeChatPay.Chain.Tests.Shared;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// A WeChat Pay public key of either kind: how each form of <c>Certs</c> value is read, the fingerprint that spots the
/// merchant's own key, and the shapes of signature that tell a key of the wrong kind.
/// </summary>
public class PlatformPublicKeyTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("1700000000\nnonce\n{}\n");

    private static IEnumerable<TestCaseData> RsaForms()
    {
        yield return new TestCaseData((Func<object>)(() => TestKeys.PlatformPublicKey)).SetArgDisplayNames("an RSA object");
        yield return new TestCaseData((Func<object>)(() => Rsa.LoadCertificate(Fixtures.Text("platform_cert.pem")))).SetArgDisplayNames("an X509Certificate2");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("platform_cert.pem"))).SetArgDisplayNames("certificate PEM");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("platform_pub.pem"))).SetArgDisplayNames("SPKI PEM");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("platform_pub_pkcs1.pem"))).SetArgDisplayNames("PKCS#1 PEM");
        yield return new TestCaseData((Func<object>)(() => Fixtures.FileUri("platform_pub.pem"))).SetArgDisplayNames("a file:// path");
    }

    [TestCaseSource(nameof(RsaForms))]
    public void Every_form_of_an_rsa_key_verifies_as_rsa(Func<object> value)
    {
        var key = PlatformPublicKey.Load(value(), "Certs");
        Assert.That(key.Scheme, Is.EqualTo(SignatureScheme.Rsa2048WithSha256));
        Assert.That(key.Rsa, Is.Not.Null);
        Assert.That(key.Verify(Message, Rsa.Sign(TestKeys.PlatformKey, Message)), Is.True);
        Assert.That(key.Fingerprint(), Is.EqualTo(PlatformPublicKey.Of(TestKeys.PlatformPublicKey).Fingerprint()));
    }

    private static IEnumerable<TestCaseData> Sm2Forms()
    {
        yield return new TestCaseData((Func<object>)(() => Rsa.LoadCertificate(Fixtures.Text("sm2_platform_cert.pem")))).SetArgDisplayNames("an X509Certificate2");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("sm2_platform_cert.pem"))).SetArgDisplayNames("certificate PEM");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("sm2_pub.pem"))).SetArgDisplayNames("SPKI PEM");
        yield return new TestCaseData((Func<object>)(() => Fixtures.Text("sm2_platform_cert_sm2_oid.pem"))).SetArgDisplayNames("certificate PEM naming its key by the SM2 OID");
    }

    [TestCaseSource(nameof(Sm2Forms))]
    public void Every_form_of_an_sm2_key_verifies_as_sm2(Func<object> value)
    {
        var key = PlatformPublicKey.Load(value(), "Certs");
        Assert.That(key.Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
        Assert.That(key.Rsa, Is.Null);
        Assert.That(key.Fingerprint(), Does.StartWith("SM2:04"));
        Assert.That(key.Verify(Message, "MAYCAQECAQE="), Is.False);
    }

    [Test]
    public void A_certificate_that_names_its_key_by_the_sm2_oid_holds_the_same_key_as_one_that_names_the_curve()
    {
        var byCurve = PlatformPublicKey.Load(Fixtures.Text("sm2_platform_cert.pem"), "Certs");
        var byOid = PlatformPublicKey.Load(Fixtures.Text("sm2_platform_cert_sm2_oid.pem"), "Certs");
        var message = Encoding.UTF8.GetBytes(Fixtures.Text("sm2_response_message.txt"));
        var signedByOpenSsl = Fixtures.Text("sm2_response_signature.txt").Trim();

        Assert.That(byOid.Fingerprint(), Is.EqualTo(byCurve.Fingerprint()));
        Assert.That(byOid.Verify(message, signedByOpenSsl), Is.True);
        Assert.That(byOid.Verify(Message, signedByOpenSsl), Is.False);
    }

    [Test]
    public void A_certificate_whose_elliptic_curve_point_is_damaged_is_named_by_its_serial()
        => Assert.That(() => PlatformPublicKey.Load(Fixtures.Text("sm2_platform_cert_damaged_key.pem"), "Certs"), Throws.TypeOf<ConfigurationException>().With.Message.EqualTo(
            "Certs: the certificate 5A1E2B3C4D5E6F708192A3B4C5D6E7F8 has a damaged elliptic-curve key (ArgumentException)."));

    [Test]
    public void A_certificate_of_an_elliptic_curve_key_that_is_not_sm2_is_refused()
    {
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=P-256", p256, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.That(() => PlatformPublicKey.Load(certificate, "Certs"), Throws.TypeOf<ConfigurationException>().With.Message.EqualTo(
            "Certs holds an EC public key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys."));
    }

    [Test]
    public void A_public_key_block_that_is_not_a_subject_public_key_info_is_read_as_rsa_and_refused_as_such()
    {
        const string pem = "-----BEGIN PUBLIC KEY-----\nAAECAwQF\n-----END PUBLIC KEY-----\n";
        var refused = Assert.Throws<ConfigurationException>(() => PlatformPublicKey.Load(pem, "Certs"))!;
        Assert.That(refused.Message, Does.StartWith("Certs (inline PEM) is not an RSA public key: the PEM block could not be imported"));
    }

    [Test]
    public void A_key_that_shows_no_modulus_has_no_fingerprint()
        => Assert.That(PlatformPublicKey.Of(new HollowRsa()).Fingerprint(), Is.Null);

    /// <summary>An <see cref="RSA"/> whose exported public half holds nothing, as a careless key-store wrapper's may.</summary>
    private sealed class HollowRsa : RSA
    {
        public override RSAParameters ExportParameters(bool includePrivateParameters) => default;

        public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();
    }

    [Test]
    public void An_rsa_fingerprint_is_the_modulus_and_exponent_in_hex()
    {
        var parameters = TestKeys.PlatformPublicKey.ExportParameters(false);
        Assert.That(PlatformPublicKey.Of(TestKeys.PlatformPublicKey).Fingerprint(), Is.EqualTo(Convert.ToHexString(parameters.Modulus!) + ":010001"));
    }

    [Test]
    public void A_key_that_will_not_show_its_public_half_has_no_fingerprint_and_is_not_taken_for_the_merchants()
    {
        var keyStore = new KeyStoreRsa();
        Assert.That(PlatformPublicKey.Of(keyStore).Fingerprint(), Is.Null);
        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, keyStore)], Fixtures.MerchantSerial, merchantKey: Fixtures.MerchantKey.Value);
        Assert.That(keys.Ids, Is.EqualTo(new[] { Fixtures.PlatformSerial }));
    }

    [Test]
    public void Each_kind_of_key_encrypts_sensitive_fields_under_its_id()
    {
        var rsa = PlatformPublicKey.Of(TestKeys.PlatformPublicKey).Encryptor("PUB_KEY_ID_R");
        var sm2 = PlatformPublicKey.Load(Fixtures.Text("sm2_pub.pem"), "Certs").Encryptor("PUB_KEY_ID_S");
        Assert.That((rsa.KeyId, sm2.KeyId), Is.EqualTo(("PUB_KEY_ID_R", "PUB_KEY_ID_S")));
        Assert.That(Rsa.Decrypt(TestKeys.PlatformKey, rsa.Encrypt("张三")), Is.EqualTo("张三"));
        Assert.That(Sm2.Decrypt(Sm2.LoadPrivateKey(Fixtures.Text("sm2_key.pem")), sm2.Encrypt("张三")), Is.EqualTo("张三"));
    }

    private static string Signature(params byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] DerShaped(int length)
    {
        var bytes = new byte[length];
        bytes[0] = 0x30;
        bytes[1] = (byte)(length - 2);
        return bytes;
    }

    [Test]
    public void An_rsa_key_names_a_signature_of_the_sm2_shape_from_8_to_72_bytes()
    {
        var rsa = PlatformPublicKey.Of(TestKeys.PlatformPublicKey);
        Assert.Multiple(() =>
        {
            Assert.That(rsa.KindMismatch(Signature(DerShaped(8))), Does.StartWith("The signature has the shape of an SM2 signature but the key is RSA"));
            Assert.That(rsa.KindMismatch(Signature(DerShaped(72))), Is.Not.Null);
            Assert.That(rsa.KindMismatch(Signature(DerShaped(7))), Is.Null);
            Assert.That(rsa.KindMismatch(Signature(DerShaped(73))), Is.Null);
            var wrongLength = DerShaped(40);
            wrongLength[1] = 37;
            Assert.That(rsa.KindMismatch(Signature(wrongLength)), Is.Null);
            var notSequence = DerShaped(40);
            notSequence[0] = 0x31;
            Assert.That(rsa.KindMismatch(Signature(notSequence)), Is.Null);
            Assert.That(rsa.KindMismatch("not base64!"), Is.Null);
            Assert.That(rsa.KindMismatch(Signature(new byte[256])), Is.Null);
        });
    }

    [Test]
    public void An_sm2_key_names_a_signature_of_128_bytes_or_more()
    {
        var sm2 = PlatformPublicKey.Load(Fixtures.Text("sm2_pub.pem"), "Certs");
        Assert.Multiple(() =>
        {
            Assert.That(sm2.KindMismatch(Signature(new byte[128])), Does.StartWith("The signature is 128 bytes, the size of an RSA signature, but the key is SM2"));
            Assert.That(sm2.KindMismatch(Signature(new byte[127])), Is.Null);
            Assert.That(sm2.KindMismatch(Signature(DerShaped(70))), Is.Null);
            Assert.That(sm2.KindMismatch("not base64!"), Is.Null);
        });
    }

    [Test]
    public void The_key_map_answers_for_unknown_ids_with_false_and_null()
    {
        var verifier = new KeyMapVerifier(new Dictionary<string, PlatformPublicKey> { ["A"] = PlatformPublicKey.Of(TestKeys.PlatformPublicKey) });
        var signature = Rsa.Sign(TestKeys.PlatformKey, Message);
        Assert.Multiple(() =>
        {
            Assert.That(verifier.KeyIds, Is.EqualTo(new[] { "A" }));
            Assert.That((verifier.Knows("A"), verifier.Knows("B")), Is.EqualTo((true, false)));
            Assert.That((verifier.Verify("A", Message, signature), verifier.Verify("B", Message, signature)), Is.EqualTo((true, false)));
            Assert.That(verifier.KindMismatch("A", Signature(DerShaped(8))), Is.Not.Null);
            Assert.That(verifier.KindMismatch("B", Signature(DerShaped(8))), Is.Null);
        });
    }

    [Test]
    public void The_rsa_verifier_answers_for_unknown_ids_with_false_and_null()
    {
        var verifier = new RsaVerifier(new Dictionary<string, RSA> { ["A"] = TestKeys.PlatformPublicKey });
        var signature = Rsa.Sign(TestKeys.PlatformKey, Message);
        Assert.Multiple(() =>
        {
            Assert.That(verifier.KeyIds, Is.EqualTo(new[] { "A" }));
            Assert.That((verifier.Knows("A"), verifier.Knows("B")), Is.EqualTo((true, false)));
            Assert.That((verifier.Verify("A", Message, signature), verifier.Verify("B", Message, signature)), Is.EqualTo((true, false)));
            Assert.That(verifier.KindMismatch("A", Signature(DerShaped(8))), Is.Not.Null);
            Assert.That(verifier.KindMismatch("B", Signature(DerShaped(8))), Is.Null);
        });
    }
}
