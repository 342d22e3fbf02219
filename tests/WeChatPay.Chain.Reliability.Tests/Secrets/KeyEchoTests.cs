using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>A key pasted where a path was meant must not come back in the error that refuses it.</summary>
public class KeyEchoTests
{
    [Test]
    public void A_private_key_given_as_a_file_uri_by_mistake_is_not_quoted_in_the_error()
    {
        using var key = RSA.Create(2048);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var secrets = new SecretMaterial();
        secrets.AddPrivateKey("the private key", pem);

        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(Rsa.FilePrefix + pem))!;
        var body = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(Rsa.FilePrefix + pem.Split('\n')[1]))!;

        Assert.That(secrets.FoundIn(e.ToString()), Is.Empty);
        Assert.That(secrets.FoundIn(body.ToString()), Is.Empty);
    }
}
