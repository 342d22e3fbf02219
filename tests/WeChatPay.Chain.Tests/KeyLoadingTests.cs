using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class KeyLoadingTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("GET\n/v3/certificates\n1\nn\n\n");

    [TestCase("merchant_key.pem")]
    [TestCase("merchant_key_pkcs1.pem")]
    public void Private_keys_load_from_pkcs8_and_pkcs1_pem_and_file_uris(string file)
    {
        var fromText = Rsa.LoadPrivateKey(Fixtures.Text(file));
        var fromFile = Rsa.LoadPrivateKey(Fixtures.FileUri(file));
        var expected = Fixtures.Text("request_signature.txt").Trim();
        Assert.That(Rsa.Sign(fromText, Fixtures.Bytes("request_message.txt")), Is.EqualTo(expected));
        Assert.That(Rsa.Sign(fromFile, Fixtures.Bytes("request_message.txt")), Is.EqualTo(expected));
    }

    [TestCase("platform_cert.pem")]
    [TestCase("platform_pub.pem")]
    [TestCase("platform_pub_pkcs1.pem")]
    public void Public_keys_load_from_certificate_spki_and_pkcs1_pem(string file)
    {
        var signature = Rsa.Sign(Fixtures.PlatformKey.Value, Message);
        Assert.That(Rsa.Verify(Rsa.LoadPublicKey(Fixtures.Text(file)), Message, signature), Is.True);
        Assert.That(Rsa.Verify(Rsa.LoadPublicKey(Fixtures.FileUri(file)), Message, signature), Is.True);
    }

    [Test]
    public void Certificate_serials_are_upper_hex_without_the_der_sign_byte()
    {
        using var platform = Rsa.LoadCertificate(Fixtures.Text("platform_cert.pem"));
        Assert.That(platform.SerialNumber, Does.StartWith("008F"), "DER pads a serial whose high bit is set");
        Assert.That(Rsa.CertificateSerial(platform), Is.EqualTo(Fixtures.PlatformSerial));
        using var merchant = Rsa.LoadCertificate(Fixtures.FileUri("merchant_cert.pem"));
        Assert.That(Rsa.CertificateSerial(merchant), Is.EqualTo(Fixtures.MerchantSerial));
    }

    [TestCase("", "is empty")]
    [TestCase(" \r\n\t ", "is empty")]
    [TestCase("not a key", "no PEM block")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "could not be imported")]
    [TestCase("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", "encrypted")]
    [TestCase("file:///nonexistent/apiclient_key.pem", "cannot read")]
    public void Unusable_private_keys_are_configuration_errors(string key, string message)
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(key));
        Assert.That(e!.Message, Does.Contain(message));
    }

    [TestCase("-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----")]
    [TestCase("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    public void Empty_or_damaged_certificate_blocks_are_configuration_errors(string certificate)
    {
        Assert.That(() => Rsa.LoadPublicKey(certificate), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("not a readable X.509 certificate"));
    }

    [Test]
    public void Key_files_larger_than_any_key_are_refused_without_reading_them_whole()
    {
        var large = Path.Combine(Path.GetTempPath(), $"wechatpay-chain-large-{Guid.NewGuid():N}.pem");
        File.WriteAllText(large, Fixtures.Text("merchant_key.pem") + new string('#', 70 * 1024));
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(() => Rsa.LoadPrivateKey(Rsa.FilePrefix + large), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("larger than 64 KB"));
                Assert.That(() => Rsa.LoadPublicKey(Rsa.FilePrefix + large), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("larger than 64 KB"));
                // A device never ends: the cap is what stops the read. The path has no file extension, so the message
                // names only the failure, as for key text pasted after file://.
                Assert.That(() => Rsa.LoadPrivateKey("file:///dev/zero"), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("IOException"));
                var options = Fixtures.Options(new StubHandler());
                options.Certs.Clear();
                options.Certs["PUB_KEY_ID_0000"] = "file:///dev/zero";
                Assert.That(() => new WeChatPayClient(options), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("IOException"));
            });
        }
        finally
        {
            File.Delete(large);
        }
    }

    [Test]
    public void Wrong_key_kinds_are_named()
    {
        Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(Fixtures.Text("platform_pub.pem")))!.Message, Does.Contain("not a private key"));
        Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(Fixtures.Text("ec_key.pem")))!.Message, Does.Contain("not an RSA private key"));
        Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(Fixtures.Text("merchant_key.pem")))!.Message, Does.Contain("is a private key"));
    }

    [Test]
    public void Error_messages_never_echo_key_material()
    {
        var pem = Fixtures.Text("merchant_key.pem");
        var body = pem.Split('\n')[1];
        var damaged = pem.Replace(body, body[..20] + "!!" + body[22..]);
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPublicKey(damaged));
        Assert.That(e!.ToString(), Does.Not.Contain(body[..20]));
    }

    [Test]
    public void Oaep_ciphertext_from_openssl_decrypts_with_the_merchant_key()
        => Assert.That(Rsa.Decrypt(Fixtures.MerchantKey.Value, Fixtures.Text("oaep_ciphertext.txt").Trim()), Is.EqualTo("张三"));

    [Test]
    public void Oaep_encryption_decrypts_with_openssl_pkeyutl()
    {
        var ciphertext = Rsa.Encrypt(Rsa.LoadPublicKey(Fixtures.Text("platform_pub.pem")), "13800138000 张三");
        var decrypted = OpenSsl(Convert.FromBase64String(ciphertext),
            "pkeyutl", "-decrypt", "-inkey", Fixtures.PathOf("platform_key.pem"),
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1");
        Assert.That(Encoding.UTF8.GetString(decrypted), Is.EqualTo("13800138000 张三"));
        Assert.Throws<DecryptionException>(() => Rsa.Decrypt(Fixtures.MerchantKey.Value, ciphertext), "encrypted for the platform key, not the merchant's");
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

    [Test]
    public void Aes_gcm_matches_python_cryptography()
    {
        var kat = Newtonsoft.Json.Linq.JObject.Parse(Fixtures.Text("aes_gcm.json"));
        string key = (string)kat["key"]!, nonce = (string)kat["nonce"]!, aad = (string)kat["associated_data"]!, plain = (string)kat["plaintext"]!, cipher = (string)kat["ciphertext"]!;
        Assert.That(new AeadAesGcm(key).Decrypt(nonce, aad, cipher), Is.EqualTo(plain));
        Assert.That(new AeadAesGcm(key).Encrypt(nonce, aad, plain), Is.EqualTo(cipher));
        Assert.Throws<DecryptionException>(() => new AeadAesGcm(key).Decrypt(nonce, "certificate", cipher), "wrong associated data");
        Assert.Throws<DecryptionException>(() => new AeadAesGcm(key.ToUpperInvariant()).Decrypt(nonce, aad, cipher), "wrong key");
        var flipped = Convert.FromBase64String(cipher);
        flipped[0] ^= 1;
        Assert.Throws<DecryptionException>(() => new AeadAesGcm(key).Decrypt(nonce, aad, Convert.ToBase64String(flipped)), "flipped bit");
        var e = Assert.Throws<ConfigurationException>(() => new AeadAesGcm("short-key").Decrypt(nonce, aad, cipher));
        Assert.That(e!.Message, Does.Contain("32").And.Not.Contain("short-key"));
    }
}
