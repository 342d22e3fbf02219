using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>An encrypted private key, given without its passphrase (there is no setting for one), is refused naming the fix.</summary>
public class EncryptedKeyTests
{
    private static readonly Lazy<string> EncryptedPkcs8 = new(() => Fixtures.MerchantKey.Value.ExportEncryptedPkcs8PrivateKeyPem(
        "passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));

    [Test]
    public void A_real_encrypted_pkcs8_key_is_refused_with_the_openssl_command_that_decrypts_it()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(EncryptedPkcs8.Value))!;

        Assert.That(e.Message, Does.Contain("encrypted private key").And.Contain("openssl pkey"));
        Assert.That(e.ToString(), Does.Not.Contain(EncryptedPkcs8.Value.Split('\n')[1]), "the key's text is not quoted");
    }

    [Test]
    public void A_client_given_an_encrypted_key_is_not_built()
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.PrivateKey = EncryptedPkcs8.Value;

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;

        Assert.That(e.Message, Does.StartWith("PrivateKey").And.Contain("encrypted"));
        Assert.That(stub.Seen, Is.Empty);
    }

    [Test]
    public void A_legacy_encrypted_pkcs1_key_with_proc_type_headers_is_refused()
    {
        var body = Convert.ToBase64String(RandomNumberGenerator.GetBytes(1200));
        var legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,8A9D2A4B6C3E1F0A8A9D2A4B6C3E1F0A\n\n"
            + string.Join('\n', body.Chunk(64).Select(c => new string(c))) + "\n-----END RSA PRIVATE KEY-----\n";

        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(legacy))!;

        Assert.That(e.Message, Does.StartWith("PrivateKey (inline PEM)"));
        Assert.That(e.ToString(), Does.Not.Contain(body[..64]));
    }
}
