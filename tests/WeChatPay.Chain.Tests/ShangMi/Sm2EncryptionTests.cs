using System.Diagnostics;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.ShangMi;

/// <summary>
/// SM2 encryption of sensitive fields against OpenSSL 3: a ciphertext OpenSSL made (Fixtures/make-fixtures.sh) decrypts,
/// and one the library makes is decrypted by <c>openssl pkeyutl -decrypt</c>. The layout is checked element by element,
/// C3 recomputed from its definition, SM3(x2 ‖ M ‖ y2), so C1C3C2 cannot pass as C1C2C3.
/// </summary>
public class Sm2EncryptionTests
{
    private const string Plaintext = "张三13800138000";

    private static ECPrivateKeyParameters PrivateKey => Sm2.LoadPrivateKey(Fixtures.Text("sm2_key.pem"), "PrivateKey");

    private static ECPublicKeyParameters PublicKey => Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"), "Certs");

    private static string OpenSslCiphertext => Fixtures.Text("sm2_ciphertext.txt").Trim();

    [Test]
    public void A_ciphertext_made_by_openssl_decrypts_to_the_plaintext()
    {
        Assert.That(Fixtures.Text("sm2_plaintext.txt"), Is.EqualTo(Plaintext), "the fixture is the value below, as UTF-8");
        Assert.That(Sm2.Decrypt(PrivateKey, OpenSslCiphertext), Is.EqualTo(Plaintext));
    }

    [Test]
    public void A_ciphertext_whose_point_coordinate_is_shorter_than_32_bytes_in_der_decrypts()
    {
        // DER writes an integer in as few bytes as it takes, so one C1 in about 128 has a coordinate under 32 bytes.
        var ciphertext = Fixtures.Text("sm2_ciphertext_short.txt").Trim();
        var parts = Elements(ciphertext);
        Assert.That(parts[..2].Select(part => DerInteger.GetInstance(part).Value.BitLength).Min(), Is.LessThanOrEqualTo(248), "the fixture has a short coordinate");

        Assert.That(Sm2.Decrypt(PrivateKey, ciphertext), Is.EqualTo(Plaintext));
    }

    [Test]
    public void A_ciphertext_made_by_the_library_is_decrypted_by_openssl()
    {
        var ciphertext = Sm2.Encrypt(PublicKey, Plaintext);
        var directory = Directory.CreateTempSubdirectory("sm2-").FullName;
        try
        {
            var file = Path.Combine(directory, "ciphertext.der");
            File.WriteAllBytes(file, Convert.FromBase64String(ciphertext));

            var plain = OpenSsl([], "pkeyutl", "-decrypt", "-inkey", Fixtures.PathOf("sm2_key.pem"), "-in", file);

            Assert.That(Encoding.UTF8.GetString(plain), Is.EqualTo(Plaintext));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void The_ciphertext_is_the_gmt_0009_sequence_of_x_y_hash_and_ciphertext()
    {
        var der = Convert.FromBase64String(Sm2.Encrypt(PublicKey, Plaintext));

        var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
        Assert.That(sequence.GetEncoded(Asn1Encodable.Der), Is.EqualTo(der), "DER, not BER");
        Assert.That(sequence, Has.Count.EqualTo(4));
        var x = DerInteger.GetInstance(sequence[0]).Value;
        var y = DerInteger.GetInstance(sequence[1]).Value;
        var c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
        var c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        Assert.That(c3, Has.Length.EqualTo(32), "C3, the SM3 hash, comes third");
        Assert.That(c2, Has.Length.EqualTo(Encoding.UTF8.GetByteCount(Plaintext)), "C2 is as long as the plaintext's UTF-8");

        // GB/T 32918.4: C1 = [k]G is a curve point, and C3 = SM3(x2 ‖ M ‖ y2) where (x2, y2) = [d]C1.
        var c1 = Sm2.Curve.Curve.CreatePoint(x, y);
        Assert.That(c1.IsValid(), Is.True, "C1 is on the SM2 curve");
        var shared = c1.Multiply(PrivateKey.D).Normalize();
        var digest = new SM3Digest();
        var x2 = shared.AffineXCoord.GetEncoded();
        var message = Encoding.UTF8.GetBytes(Plaintext);
        var y2 = shared.AffineYCoord.GetEncoded();
        digest.BlockUpdate(x2, 0, x2.Length);
        digest.BlockUpdate(message, 0, message.Length);
        digest.BlockUpdate(y2, 0, y2.Length);
        var expected = new byte[32];
        digest.DoFinal(expected, 0);
        Assert.That(c3, Is.EqualTo(expected));
    }

    [Test]
    public void Two_encryptions_of_the_same_value_differ_and_both_decrypt()
    {
        var first = Sm2.Encrypt(PublicKey, Plaintext);
        var second = Sm2.Encrypt(PublicKey, Plaintext);

        Assert.That(first, Is.Not.EqualTo(second), "a fresh random k each time");
        Assert.That(Sm2.Decrypt(PrivateKey, first), Is.EqualTo(Plaintext));
        Assert.That(Sm2.Decrypt(PrivateKey, second), Is.EqualTo(Plaintext));
    }

    [TestCase(0, TestName = "Altering x of C1 is a decryption error that does not show the plaintext")]
    [TestCase(2, TestName = "Altering the hash C3 is a decryption error that does not show the plaintext")]
    [TestCase(3, TestName = "Altering the ciphertext C2 is a decryption error that does not show the plaintext")]
    public void Altering_an_element_is_a_decryption_error_that_does_not_show_the_plaintext(int element)
    {
        var parts = Elements(OpenSslCiphertext);
        if (element == 0)
            parts[0] = new DerInteger(DerInteger.GetInstance(parts[0]).Value.FlipBit(0));
        else
        {
            var octets = Asn1OctetString.GetInstance(parts[element]).GetOctets();
            octets[^1] ^= 0x01;
            parts[element] = new DerOctetString(octets);
        }

        AssertRefused(Sequence(parts));
    }

    [Test]
    public void A_ciphertext_for_another_sm2_key_is_a_decryption_error()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2.Curve, new SecureRandom()));
        var other = (ECPrivateKeyParameters)generator.GenerateKeyPair().Private;

        var e = Assert.Throws<DecryptionException>(() => Sm2.Decrypt(other, OpenSslCiphertext));
        Assert.That(e!.Message, Does.Contain("not encrypted for the merchant's SM2 public key"));
        Assert.That(e.ToString(), Does.Not.Contain(Plaintext));
    }

    [TestCase("not base64!", "not Base64", TestName = "Text that is not Base64 is a decryption error")]
    [TestCase("", "it is empty", TestName = "An empty ciphertext is a decryption error")]
    [TestCase("truncated", "does not parse as DER", TestName = "Truncated DER is a decryption error")]
    [TestCase("trailing", "does not parse as DER", TestName = "DER followed by more bytes is a decryption error")]
    [TestCase("raw", "does not parse as DER", TestName = "The raw C1C3C2 bytes without DER are a decryption error")]
    [TestCase("three", "SEQUENCE of 3 elements", TestName = "A sequence without C2 is a decryption error")]
    [TestCase("short-hash", "hash (C3) is 31 bytes", TestName = "A hash shorter than SM3s is a decryption error")]
    [TestCase("empty-c2", "ciphertext (C2) is empty", TestName = "An empty C2 is a decryption error")]
    [TestCase("negative-x", "coordinate is out of range", TestName = "A negative coordinate is a decryption error")]
    [TestCase("negative-y", "coordinate is out of range", TestName = "A negative second coordinate is a decryption error")]
    [TestCase("wide-x", "coordinate is out of range", TestName = "A coordinate wider than the field is a decryption error")]
    [TestCase("wide-y", "coordinate is out of range", TestName = "A second coordinate wider than the field is a decryption error")]
    [TestCase("zero-x", "not encrypted for the merchant's SM2 public key", TestName = "A zero coordinate is in range and decrypts to no point of the key")]
    [TestCase("zero-y", "not encrypted for the merchant's SM2 public key", TestName = "A zero second coordinate is in range and decrypts to no point of the key")]
    [TestCase("full-y", "not encrypted for the merchant's SM2 public key", TestName = "A coordinate as wide as the field is in range and decrypts to no point of the key")]
    public void Malformed_ciphertext_is_a_decryption_error_that_names_the_problem(string shape, string problem)
    {
        var der = Convert.FromBase64String(OpenSslCiphertext);
        var parts = Elements(OpenSslCiphertext);
        var ciphertext = shape switch
        {
            "truncated" => Convert.ToBase64String(der[..^5]),
            "trailing" => Convert.ToBase64String([.. der, 0x00]),
            "raw" => Convert.ToBase64String(Raw(parts)),
            "three" => Sequence(parts[..3]),
            "short-hash" => Sequence([parts[0], parts[1], new DerOctetString(Asn1OctetString.GetInstance(parts[2]).GetOctets()[..31]), parts[3]]),
            "empty-c2" => Sequence([parts[0], parts[1], parts[2], new DerOctetString(Array.Empty<byte>())]),
            "negative-x" => Sequence([new DerInteger(DerInteger.GetInstance(parts[0]).Value.Negate()), parts[1], parts[2], parts[3]]),
            "negative-y" => Sequence([parts[0], new DerInteger(DerInteger.GetInstance(parts[1]).Value.Negate()), parts[2], parts[3]]),
            "wide-x" => Sequence([new DerInteger(BigInteger.One.ShiftLeft(256)), parts[1], parts[2], parts[3]]),
            "wide-y" => Sequence([parts[0], new DerInteger(BigInteger.One.ShiftLeft(256)), parts[2], parts[3]]),
            "zero-x" => Sequence([new DerInteger(BigInteger.Zero), parts[1], parts[2], parts[3]]),
            "zero-y" => Sequence([parts[0], new DerInteger(BigInteger.Zero), parts[2], parts[3]]),
            "full-y" => Sequence([parts[0], new DerInteger(BigInteger.One.ShiftLeft(256).Subtract(BigInteger.One)), parts[2], parts[3]]),
            _ => shape,
        };

        var e = AssertRefused(ciphertext);
        Assert.That(e.Message, Does.Contain(problem));
    }

    [Test]
    public void Decrypted_bytes_that_are_not_utf8_are_a_decryption_error()
    {
        // OpenSSL, not the library, encrypts them: the library's own encryption only ever takes text.
        var ciphertext = Convert.ToBase64String(OpenSsl([0xC3, 0x28, 0xFF], "pkeyutl", "-encrypt", "-pubin", "-inkey", Fixtures.PathOf("sm2_pub.pem")));

        var e = AssertRefused(ciphertext);
        Assert.That(e.Message, Does.Contain("not UTF-8"));
    }

    [Test]
    public void A_missing_key_or_value_is_refused_by_its_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Sm2.Encrypt(null!, Plaintext), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => Sm2.Encrypt(PublicKey, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("plaintext"));
            Assert.That(() => Sm2.Decrypt(null!, OpenSslCiphertext), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("key"));
            Assert.That(() => Sm2.Decrypt(PrivateKey, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("ciphertext"));
        });
    }

    [Test]
    public void An_empty_value_is_refused_before_encryption()
        => Assert.That(() => Sm2.Encrypt(PublicKey, ""), Throws.TypeOf<RequestOptionsException>().With.Message.Contains("empty"));

    [Test]
    public void A_value_of_up_to_214_utf8_bytes_encrypts_and_a_longer_one_is_refused_without_being_quoted()
    {
        var longest = new string('7', Sm2.MaxPlaintextBytes);
        Assert.That(Sm2.Decrypt(PrivateKey, Sm2.Encrypt(PublicKey, longest)), Is.EqualTo(longest));

        // 72 Chinese characters are 216 UTF-8 bytes: the limit counts bytes, not characters.
        foreach (var value in new[] { longest + "8", string.Concat(Enumerable.Repeat("张", 72)) })
        {
            var e = Assert.Throws<RequestOptionsException>(() => Sm2.Encrypt(PublicKey, value));
            Assert.That(e!.Message, Does.Contain($"{Encoding.UTF8.GetByteCount(value)} UTF-8 bytes").And.Contain("214"));
            Assert.That(e.ToString(), Does.Not.Contain(value[..20]));
        }
    }

    [Test]
    public void A_lone_surrogate_is_refused_without_being_quoted()
    {
        var e = Assert.Throws<RequestOptionsException>(() => Sm2.Encrypt(PublicKey, "张三\uD800"));
        Assert.That(e!.Message, Does.Contain("surrogate"));
        Assert.That(e.ToString(), Does.Not.Contain("张三"));
    }

    [Test]
    public void The_sensitive_field_classes_pass_the_key_id_and_round_trip()
    {
        var encryptor = new Sm2SensitiveEncryptor("PUB_KEY_ID_0114232134912410000000000000", PublicKey);
        var decryptor = new Sm2SensitiveDecryptor(PrivateKey);

        var ciphertext = encryptor.Encrypt(Plaintext);

        Assert.That(encryptor.KeyId, Is.EqualTo("PUB_KEY_ID_0114232134912410000000000000"));
        Assert.That(decryptor.Decrypt(ciphertext), Is.EqualTo(Plaintext));
        Assert.That(decryptor.Decrypt(OpenSslCiphertext), Is.EqualTo(Plaintext));
        Assert.That(() => encryptor.Encrypt(""), Throws.TypeOf<RequestOptionsException>());
        Assert.That(() => decryptor.Decrypt(ciphertext[..^8]), Throws.TypeOf<DecryptionException>());
    }

    /// <summary>Asserts decryption fails with the library's own exception, carrying neither the plaintext nor a BouncyCastle exception.</summary>
    private static DecryptionException AssertRefused(string ciphertext)
    {
        var e = Assert.Throws<DecryptionException>(() => Sm2.Decrypt(PrivateKey, ciphertext))!;
        Assert.That(e.ToString(), Does.Not.Contain(Plaintext).And.Not.Contain("张三"));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            Assert.That(inner.GetType().Namespace, Does.Not.StartWith("Org.BouncyCastle"));
        return e;
    }

    private static Asn1Encodable[] Elements(string ciphertext)
        => [.. Asn1Sequence.GetInstance(Asn1Object.FromByteArray(Convert.FromBase64String(ciphertext)))];

    private static string Sequence(Asn1Encodable[] elements) => Convert.ToBase64String(new DerSequence(elements).GetEncoded(Asn1Encodable.Der));

    /// <summary>04 ‖ x ‖ y ‖ C3 ‖ C2, the form some SM2 tools write without DER.</summary>
    private static byte[] Raw(Asn1Encodable[] elements)
    {
        static byte[] Coordinate(Asn1Encodable element) => Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, DerInteger.GetInstance(element).Value);
        return [0x04, .. Coordinate(elements[0]), .. Coordinate(elements[1]), .. Asn1OctetString.GetInstance(elements[2]).GetOctets(), .. Asn1OctetString.GetInstance(elements[3]).GetOctets()];
    }

    /// <summary>Runs the openssl command line with <paramref name="input"/> on stdin and returns its stdout.</summary>
    private static byte[] OpenSsl(byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // A failure, not an ignore: without openssl this suite has no independent check of the library's ciphertext.
            Assert.Fail($"This test checks against the openssl command line, which could not be started: {e.Message}");
            throw;
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using (var stdin = process.StandardInput.BaseStream) stdin.Write(input, 0, input.Length);
            using var output = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(output);
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, () => $"openssl {string.Join(" ", arguments)}: {error.Result}");
            return output.ToArray();
        }
    }
}
