using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.ShangMi;

/// <summary>
/// SM2 with SM3 against OpenSSL 3: a signature OpenSSL made (Fixtures/make-fixtures.sh) verifies, and one the library
/// makes is accepted by <c>openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678</c>.
/// </summary>
public class Sm2SignatureTests
{
    private static readonly byte[] Message = File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "sm2_message.txt"));

    private static Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters PrivateKey => Sm2.LoadPrivateKey(Fixtures.Text("sm2_key.pem"), "PrivateKey");

    private static Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters PublicKey => Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"), "Certs");

    [Test]
    public void A_signature_made_by_openssl_verifies_and_not_over_another_message()
    {
        var signature = Fixtures.Text("sm2_signature.txt").Trim();

        Assert.That(Sm2.Verify(PublicKey, Message, signature), Is.True);
        Assert.That(Sm2.Verify(PublicKey, [.. Message, (byte)' '], signature), Is.False);
    }

    [Test]
    public void A_signature_made_by_the_library_is_accepted_by_openssl()
    {
        var key = PrivateKey;
        var first = Sm2.Sign(key, Message);
        // The second signature comes from the signer the first one initialised and left for the key.
        var signature = Sm2.Sign(key, Message);
        Assert.That(signature, Is.Not.EqualTo(first));
        var directory = Directory.CreateTempSubdirectory("sm2-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "message"), Message);
            File.WriteAllBytes(Path.Combine(directory, "signature.der"), Convert.FromBase64String(signature));
            File.WriteAllText(Path.Combine(directory, "pub.pem"), Fixtures.Text("sm2_pub.pem"));

            var (code, output) = OpenSsl.Run(directory, "pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey pub.pem -in message -sigfile signature.der");

            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("Signature Verified Successfully"));
            Assert.That(Sm2.Verify(PublicKey, Message, signature), Is.True);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("MEQCIAOLOW3P")]
    [TestCase("AAAA")]
    public void Malformed_signatures_are_false_not_exceptions(string? signature)
        => Assert.That(Sm2.Verify(PublicKey, Message, signature), Is.False);

    [Test]
    public void Keys_that_are_not_sm2_are_refused_with_the_setting_named()
    {
        using var p256 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        Assert.That(() => Sm2.LoadPrivateKey(p256.ExportPkcs8PrivateKeyPem(), "PrivateKey"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("not on the SM2 curve"));
        Assert.That(() => Sm2.LoadPublicKey(p256.ExportSubjectPublicKeyInfoPem(), "Certs"), Throws.TypeOf<ConfigurationException>().With.Message.Contains("not on the SM2 curve"));
        Assert.That(() => Sm2.LoadPrivateKey(Fixtures.Text("sm2_pub.pem"), "PrivateKey"), Throws.TypeOf<ConfigurationException>().With.Message.StartsWith("PrivateKey holds no PRIVATE KEY"));
    }

    [Test]
    public void A_sec1_private_key_under_either_label_loads_as_the_same_key()
    {
        // OpenSSL 3 labels SEC1 SM2 keys "SM2 PRIVATE KEY"; other tools write the generic "EC PRIVATE KEY".
        var (code, sec1) = OpenSsl.Run(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures"), "ec -in sm2_key.pem");
        Assert.That(code, Is.Zero, sec1);
        Assert.That(sec1, Does.Contain("-----BEGIN SM2 PRIVATE KEY-----"));

        foreach (var pem in new[] { sec1, sec1.Replace("SM2 PRIVATE KEY", "EC PRIVATE KEY", StringComparison.Ordinal) })
        {
            var key = Sm2.LoadPrivateKey(pem, "PrivateKey");
            Assert.That(key.D, Is.EqualTo(PrivateKey.D));
            // BouncyCastle's hand-written SM2 arithmetic, as for PKCS#8 keys; its generic curve signs about 5x slower.
            Assert.That(key.Parameters.Curve.GetType(), Is.EqualTo(Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("sm2p256v1").Curve.GetType()));
            Assert.That(Sm2.Verify(PublicKey, Message, Sm2.Sign(key, Message)), Is.True);
        }
    }

    [Test]
    public void One_key_signing_on_many_threads_at_once_makes_fresh_signatures_that_all_verify()
    {
        var key = PrivateKey;
        var signatures = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => signatures.Add(Sm2.Sign(key, [.. Message, (byte)(i % 2)])));

        Assert.That(signatures.Distinct().Count(), Is.EqualTo(64));
        Assert.That(signatures.Count(s => Sm2.Verify(PublicKey, [.. Message, 0], s)) + signatures.Count(s => Sm2.Verify(PublicKey, [.. Message, 1], s)), Is.EqualTo(64));
    }
}
