using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class ConfigurationTests
{
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler();

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private ConfigurationException Refused(Action<ClientOptions> change)
    {
        var options = Fixtures.Options(_stub);
        change(options);
        return Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose())!;
    }

    [Test]
    public void The_merchant_serial_in_certs_is_refused_with_an_explanation()
    {
        var e = Refused(o => o.Certs[Fixtures.MerchantSerial] = Fixtures.Text("merchant_cert.pem"));
        Assert.That(e.Message, Does.Contain("merchant's own certificate serial").And.Contain("platform"));
        var lowerCase = Refused(o => o.Certs[Fixtures.MerchantSerial.ToLowerInvariant()] = Fixtures.Text("platform_pub.pem"));
        Assert.That(lowerCase.Message, Does.Contain("merchant's own"));
    }

    [Test]
    public void The_merchant_certificate_under_another_serial_is_refused()
    {
        var e = Refused(o => o.Certs["ABCDEF"] = Fixtures.FileUri("merchant_cert.pem"));
        Assert.That(e.Message, Does.Contain("merchant's own"));
    }

    [Test]
    public void A_certificate_filed_under_the_wrong_serial_is_refused()
        => Assert.That(Refused(o => o.Certs = new Dictionary<string, object> { ["ABCDEF"] = Fixtures.Text("platform_cert.pem") }).Message, Does.Contain(Fixtures.PlatformSerial));

    [Test]
    public void Empty_certs_are_refused()
        => Assert.That(Refused(o => o.Certs.Clear()).Message, Does.Contain("Certs is empty").And.Contain("PUB_KEY_ID_"));

    [Test]
    public void Missing_identity_settings_are_named()
    {
        Assert.That(Refused(o => o.MchId = "").Message, Does.Contain("MchId"));
        Assert.That(Refused(o => o.Serial = " ").Message, Does.Contain("Serial"));
        Assert.That(Refused(o => o.MchId = "1\"2").Message, Does.Contain("MchId"));
        Assert.That(Refused(o => o.PrivateKey = null).Message, Does.Contain("PrivateKey is not set"));
        Assert.That(Refused(o => o.Timeout = TimeSpan.Zero).Message, Does.Contain("Timeout"));
    }

    [TestCase("http://api.mch.weixin.qq.com/")]
    [TestCase("http://10.0.0.1:8080/")]
    [TestCase("ftp://127.0.0.1/")]
    public void Plain_http_is_refused_beyond_loopback(string uri)
        => Assert.That(Refused(o => o.BaseUri = new Uri(uri)).Message, Does.Contain("not HTTPS"));

    [TestCase("http://127.0.0.1:5000/")]
    [TestCase("http://localhost:5000/")]
    [TestCase("https://api2.mch.weixin.qq.com/")]
    public void Https_and_loopback_http_are_accepted(string uri)
    {
        var options = Fixtures.Options(_stub);
        options.BaseUri = new Uri(uri);
        using var client = new WeChatPayClient(options);
        Assert.That(client.BaseUri.AbsoluteUri, Is.EqualTo(uri));
    }

    [Test]
    public void A_base_path_prefix_is_kept_and_signed()
    {
        var options = Fixtures.Options(_stub);
        options.BaseUri = new Uri("https://proxy.example/wechat");
        using var client = new WeChatPayClient(options);
        client.Send(HttpMethod.Get, "v3/certificates");
        Assert.That(_stub.Last.Target, Is.EqualTo("/wechat/v3/certificates"));
    }

    [Test]
    public void Keys_given_as_file_uris_and_objects_load_once_at_construction()
    {
        var options = Fixtures.Options(_stub);
        options.PrivateKey = Fixtures.FileUri("merchant_key.pem");
        options.Certs = new Dictionary<string, object>
        {
            [Fixtures.PlatformSerial] = Fixtures.FileUri("platform_cert.pem"),
            [Fixtures.PublicKeyId] = WeChatPay.Chain.Crypto.Rsa.LoadCertificate(Fixtures.Text("platform_cert.pem")),
        };
        using var client = new WeChatPayClient(options);
        Assert.That(client.PlatformKeys.Keys, Is.EquivalentTo(new[] { Fixtures.PlatformSerial, Fixtures.PublicKeyId }));
        Assert.That(client.Send(HttpMethod.Get, "v3/x").Status, Is.EqualTo(200));
    }
}
