using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The words of every refusal in RSA key loading: which setting, where the value came from (inline PEM, a named file,
/// an unnamed file), what was found and what to give instead. A configuration mistake is fixed from this message alone.
/// </summary>
public class KeyMessageTests
{
    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files) File.Delete(file);
        _files.Clear();
    }

    private string TempFile(string name, string text)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"wechatpay-chain-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        _files.Add(path);
        return path;
    }

    private static string PrivateKeyRefusal(object? key, string setting = "PrivateKey")
        => Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(key, setting))!.Message;

    private static string PublicKeyRefusal(object? key)
        => Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(key))!.Message;

    [Test]
    public void A_missing_empty_or_foreign_value_is_named_with_its_setting()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PrivateKeyRefusal(null), Is.EqualTo("PrivateKey is not set."));
            Assert.That(PrivateKeyRefusal("", "MerchantKey"), Is.EqualTo("MerchantKey is empty."));
            Assert.That(PrivateKeyRefusal(" \n "), Is.EqualTo("PrivateKey is empty."));
            Assert.That(PrivateKeyRefusal(42), Is.EqualTo("PrivateKey is a Int32; give an RSA key, a PEM string, or a 'file://' path."));
            Assert.That(PublicKeyRefusal(null), Is.EqualTo("Certs is not set."));
            Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadCertificate(""))!.Message, Is.EqualTo("certificate is empty."));
        });
    }

    [Test]
    public void Text_without_a_pem_block_is_named_by_where_it_came_from()
    {
        var named = TempFile("apiclient_key.pem", "no key here");
        var unnamed = TempFile("apiclient_key", "no key here");
        Assert.Multiple(() =>
        {
            Assert.That(PrivateKeyRefusal("no key here"), Is.EqualTo("PrivateKey (inline PEM) holds no PEM block. Give the merchant private key apiclient_key.pem: it starts with '-----BEGIN PRIVATE KEY-----'."));
            Assert.That(PrivateKeyRefusal(Rsa.FilePrefix + named), Does.StartWith($"PrivateKey (file {named}) holds no PEM block."));
            Assert.That(PrivateKeyRefusal(Rsa.FilePrefix + unnamed), Does.StartWith("PrivateKey (a file) holds no PEM block."));
            Assert.That(PublicKeyRefusal("no key here"), Is.EqualTo("Certs (inline PEM) holds no PEM block. Give a platform certificate ('-----BEGIN CERTIFICATE-----') or a WeChat Pay public key ('-----BEGIN PUBLIC KEY-----')."));
        });
    }

    [Test]
    public void The_file_prefix_is_matched_in_any_case()
    {
        var path = Fixtures.PathOf("merchant_key.pem");
        var key = Rsa.LoadPrivateKey("FILE://" + path);
        Assert.That(Rsa.Sign(key, Fixtures.Bytes("request_message.txt")), Is.EqualTo(Fixtures.Text("request_signature.txt").Trim()));
    }

    [TestCase("file://-----BEGIN PRIVATE KEY-----")]
    [TestCase("file:///keys/a\nb.pem")]
    public void Key_text_after_the_file_prefix_is_refused_as_not_a_path(string value)
        => Assert.That(PrivateKeyRefusal(value), Is.EqualTo("PrivateKey starts with file:// but what follows is not a file path (it looks like key text). Give either file:///path/to/key.pem or the PEM text itself."));

    [Test]
    public void A_value_after_the_file_prefix_longer_than_4096_characters_is_not_a_path_and_4096_still_is()
    {
        Assert.That(PrivateKeyRefusal(Rsa.FilePrefix + new string('A', 4097)), Does.Contain("what follows is not a file path"));
        var exactly = PrivateKeyRefusal(Rsa.FilePrefix + new string('A', 4096));
        Assert.That(exactly, Does.StartWith("PrivateKey: cannot read the value after file:// (4096 characters, not shown: is it key text?): "));
    }

    [Test]
    public void An_unreadable_file_with_a_file_name_is_named_and_its_cause_kept()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey("file:///nonexistent/apiclient_key.pem"))!;
        Assert.That(e.Message, Does.StartWith("PrivateKey: cannot read the file '/nonexistent/apiclient_key.pem': "));
        Assert.That(e.InnerException, Is.InstanceOf<IOException>());
    }

    [Test]
    public void An_unreadable_value_that_does_not_look_like_a_file_name_is_neither_shown_nor_chained()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey("file:///nonexistent/MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))!;
        Assert.That(e.Message, Is.EqualTo("PrivateKey: cannot read the value after file:// (45 characters, not shown: is it key text?): DirectoryNotFoundException."));
        Assert.That(e.InnerException, Is.Null);
    }

    [Test]
    public void A_bare_path_to_no_file_is_answered_with_its_file_uri()
    {
        var full = Path.GetFullPath("no-such-dir/apiclient_key.pem");
        Assert.That(PrivateKeyRefusal("  no-such-dir/apiclient_key.pem  "), Is.EqualTo(
            $"PrivateKey is 'no-such-dir/apiclient_key.pem', which looks like a file path, not PEM text: write it as 'file://{full}' (file:// and then the absolute path), or give the PEM text itself; no file is there either, so check the path too."));
    }

    [Test]
    public void A_bare_path_to_a_file_says_the_file_is_there()
    {
        var path = TempFile("apiclient_key.pem", Fixtures.Text("merchant_key.pem"));
        Assert.That(PublicKeyRefusal(path), Is.EqualTo(
            $"Certs is '{path}', which looks like a file path, not PEM text: write it as 'file://{path}' (file:// and then the absolute path), or give the PEM text itself; the file is there."));
    }

    [Test]
    public void A_bare_path_the_system_cannot_resolve_is_answered_as_written()
        => Assert.That(PrivateKeyRefusal("key\0.pem"), Is.EqualTo(
            "PrivateKey is 'key\0.pem', which looks like a file path, not PEM text: write it as 'file:///key\0.pem' (file:// and then the absolute path), or give the PEM text itself; no file is there either, so check the path too."));

    [TestCase("apiclient_key.abcdefghi", TestName = "An extension of nine characters is not a file path")]
    [TestCase("apiclient_key", TestName = "A name without an extension is not a file path")]
    public void Text_that_does_not_end_in_an_extension_is_read_as_pem(string value)
        => Assert.That(PrivateKeyRefusal(value), Does.Contain("(inline PEM) holds no PEM block"));

    [Test]
    public void Text_longer_than_a_path_is_read_as_pem_and_260_characters_still_are_a_path()
    {
        Assert.That(PrivateKeyRefusal(new string('a', 257) + ".pem"), Does.Contain("(inline PEM) holds no PEM block"));
        Assert.That(PrivateKeyRefusal(new string('a', 256) + ".pem"), Does.Contain("which looks like a file path"));
        Assert.That(PrivateKeyRefusal("key\n.pem"), Does.Contain("(inline PEM) holds no PEM block"));
        Assert.That(PrivateKeyRefusal("\nkey.pem"), Does.Contain("(inline PEM) holds no PEM block"), "a line break first is text, not a path");
    }

    [Test]
    public void Each_kind_of_pem_block_given_as_a_private_key_is_named()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PrivateKeyRefusal(Fixtures.Text("platform_cert.pem")), Is.EqualTo("PrivateKey (inline PEM) is a certificate, not a private key. Give the merchant private key apiclient_key.pem ('-----BEGIN PRIVATE KEY-----')."));
            Assert.That(PrivateKeyRefusal(Fixtures.Text("platform_pub.pem")), Does.StartWith("PrivateKey (inline PEM) is a public key, not a private key."));
            Assert.That(PrivateKeyRefusal(Fixtures.Text("platform_pub_pkcs1.pem")), Does.StartWith("PrivateKey (inline PEM) is a rsa public key, not a private key."));
            Assert.That(PrivateKeyRefusal("-----BEGIN FOO-----\nAAAA\n-----END FOO-----"), Is.EqualTo("PrivateKey (inline PEM) is a 'FOO' PEM block, not an RSA private key. Give the merchant private key apiclient_key.pem ('-----BEGIN PRIVATE KEY-----')."));
            Assert.That(PrivateKeyRefusal("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"), Does.StartWith("PrivateKey (inline PEM) is an encrypted private key. Decrypt it once"));
        });
    }

    [Test]
    public void Each_kind_of_private_key_given_as_a_public_key_is_refused()
    {
        const string expected = "Certs (inline PEM) is a private key. Verification takes WeChat Pay's platform certificate or public key, never a private key; keep private keys out of Certs.";
        Assert.Multiple(() =>
        {
            Assert.That(PublicKeyRefusal(Fixtures.Text("merchant_key.pem")), Is.EqualTo(expected));
            Assert.That(PublicKeyRefusal(Fixtures.Text("merchant_key_pkcs1.pem")), Is.EqualTo(expected));
            Assert.That(PublicKeyRefusal("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"), Is.EqualTo(expected));
            Assert.That(PublicKeyRefusal("-----BEGIN FOO-----\nAAAA\n-----END FOO-----"), Is.EqualTo("Certs (inline PEM) is a 'FOO' PEM block, not an RSA public key or certificate."));
        });
    }

    [Test]
    public void A_certificate_that_holds_no_rsa_key_is_named_by_its_serial()
    {
        using var sm2 = Rsa.LoadCertificate(Fixtures.Text("sm2_platform_cert.pem"));
        Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(sm2))!.Message, Is.EqualTo($"Certs: the certificate {Rsa.CertificateSerial(sm2)} does not hold an RSA key."));
    }

    [Test]
    public void A_pem_block_that_does_not_import_says_what_was_expected_and_keeps_a_cryptographic_cause()
    {
        var damaged = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(damaged))!;
        Assert.That(e.Message, Is.EqualTo("Certs (inline PEM) is not an RSA public key: the PEM block could not be imported (is it another key type, such as EC or SM2, or damaged?)."));
        Assert.That(e.InnerException, Is.InstanceOf<CryptographicException>());
        var p = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))!;
        Assert.That(p.Message, Does.StartWith("PrivateKey (inline PEM) is not an RSA private key: the PEM block could not be imported"));
    }

    [Test]
    public void Two_keys_in_one_value_are_refused_without_chaining_the_argument_exception()
    {
        var two = Fixtures.Text("platform_pub.pem") + "\n" + Fixtures.Text("platform_pub_pkcs1.pem");
        if (LibraryBuild.Target.StartsWith(".NETStandard", StringComparison.Ordinal))
        {
            // netstandard2.0's PEM reading (Compatibility/) takes the first key, as BouncyCastle's reader does.
            var first = Rsa.LoadPublicKey(two);
            Assert.That(first.KeySize, Is.EqualTo(2048));
            return;
        }
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(two))!;
        Assert.That(e.Message, Does.Contain("could not be imported"));
        Assert.That(e.InnerException, Is.Null);
    }

    [Test]
    public void Rsa_objects_are_taken_as_they_are()
    {
        var merchant = Fixtures.MerchantKey.Value;
        Assert.That(Rsa.LoadPrivateKey(merchant), Is.SameAs(merchant));
        var platform = Shared.TestKeys.PlatformPublicKey;
        Assert.That(Rsa.LoadPublicKey(platform), Is.SameAs(platform));
    }

    [Test]
    public void An_rsa_object_that_cannot_sign_is_refused_as_a_private_key_with_its_cause()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(Shared.TestKeys.PlatformPublicKey, "Merchant.PrivateKey"))!;
        Assert.That(e.Message, Does.StartWith("Merchant.PrivateKey is an RSA object that holds only a public key, so it cannot sign requests."));
        Assert.That(e.InnerException, Is.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Oaep_takes_214_bytes_under_a_2048_bit_key_and_refuses_215()
    {
        var fits = new string('a', 214);
        Assert.That(Rsa.Decrypt(Fixtures.MerchantKey.Value, Rsa.Encrypt(Fixtures.MerchantKey.Value, fits)), Is.EqualTo(fits));
        var e = Assert.Throws<RequestOptionsException>(() => Rsa.Encrypt(Fixtures.MerchantKey.Value, new string('a', 215)))!;
        Assert.That(e.Message, Does.StartWith("A sensitive value of 215 UTF-8 bytes is longer than the 214 that RSAES-OAEP (SHA-1) encrypts under WeChat Pay's 2048-bit key."));
        Assert.That(() => Rsa.Encrypt(Fixtures.MerchantKey.Value, new string('张', 72)), Throws.InstanceOf<RequestOptionsException>().With.Message.Contains("of 216 UTF-8 bytes"));
    }

    [Test]
    public void A_lone_surrogate_is_refused_before_encryption_with_its_cause()
    {
        var e = Assert.Throws<RequestOptionsException>(() => Rsa.Encrypt(Fixtures.MerchantKey.Value, "a\uD800b"))!;
        Assert.That(e.Message, Does.StartWith("A sensitive value has a lone UTF-16 surrogate"));
        Assert.That(e.InnerException, Is.InstanceOf<EncoderFallbackException>());
    }

    [TestCase("not base64!", typeof(FormatException))]
    [TestCase("AAAA", typeof(CryptographicException))]
    public void A_sensitive_field_that_does_not_decrypt_is_a_decryption_error_with_its_cause(string ciphertext, Type cause)
    {
        var e = Assert.Throws<DecryptionException>(() => Rsa.Decrypt(Fixtures.MerchantKey.Value, ciphertext))!;
        Assert.That(e.Message, Does.StartWith("The sensitive field could not be decrypted"));
        Assert.That(e.InnerException, Is.InstanceOf(cause));
    }
}
