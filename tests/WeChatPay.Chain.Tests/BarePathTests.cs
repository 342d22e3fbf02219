using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A key setting given a bare file path, without <c>file://</c>: the error names the path, says it looks like one, and
/// gives the form that works, for private keys (RSA and SM2), platform keys and the client's options alike.
/// </summary>
public class BarePathTests
{
    [Test]
    public void A_bare_path_to_an_existing_private_key_says_to_write_file_uri()
    {
        var path = Fixtures.PathOf("merchant_key.pem");

        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey(path))!;

        Assert.That(e.Message, Does.StartWith($"PrivateKey is '{path}', which looks like a file path, not PEM text"));
        Assert.That(e.Message, Does.Contain($"write it as 'file://{path}'").And.Contain("the file is there"));
        Assert.That(Rsa.LoadPrivateKey($"file://{path}"), Is.Not.Null, "the form the message gives works");
    }

    [Test]
    public void A_bare_relative_path_that_does_not_exist_is_named_and_made_absolute()
    {
        var e = Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey("keys/apiclient_key.pem"))!;

        Assert.That(e.Message, Does.Contain("'keys/apiclient_key.pem', which looks like a file path"));
        Assert.That(e.Message, Does.Contain($"'file://{Path.GetFullPath("keys/apiclient_key.pem")}'"));
        Assert.That(e.Message, Does.Contain("no file is there either"));
    }

    [Test]
    public void A_bare_path_in_certs_or_to_an_sm2_key_gets_the_same_hint()
    {
        var certificate = Fixtures.PathOf("platform2_cert.pem");
        var sm2 = Fixtures.PathOf("sm2_key.pem");

        var forCerts = Assert.Throws<ConfigurationException>(() => PlatformPublicKey.Load(certificate, "Certs[\"X\"]"))!;
        var forSm2 = Assert.Throws<ConfigurationException>(() => MerchantPrivateKey.Load(sm2, SignatureScheme.Sm2WithSm3))!;

        Assert.That(forCerts.Message, Does.StartWith($"Certs[\"X\"] is '{certificate}', which looks like a file path").And.Contain($"'file://{certificate}'"));
        Assert.That(forSm2.Message, Does.StartWith($"PrivateKey is '{sm2}', which looks like a file path").And.Contain($"'file://{sm2}'"));
    }

    [Test]
    public void Pem_text_and_file_uris_are_not_taken_for_bare_paths()
    {
        Assert.That(() => Rsa.LoadPrivateKey(Fixtures.Text("merchant_key.pem")), Throws.Nothing);
        Assert.That(Assert.Throws<ConfigurationException>(() => Rsa.LoadPrivateKey("not a key"))!.Message, Does.Contain("holds no PEM block"));
    }
}
