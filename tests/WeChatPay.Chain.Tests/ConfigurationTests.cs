using System.Security.Cryptography;
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

    [TestCase("http://10.0.0.1:8080/")]
    [TestCase("http://simulator:8080/")]
    public void Plain_http_is_refused_beyond_loopback(string uri)
        => Assert.That(Refused(o => o.BaseUri = new Uri(uri)).Message, Does.Contain("not HTTPS").And.Contain("AllowPlainHttp = true"));

    [Test]
    public void Schemes_other_than_http_and_https_are_refused_even_with_plain_http_allowed()
    {
        Assert.That(Refused(o => o.BaseUri = new Uri("ftp://127.0.0.1/")).Message, Does.Contain("not HTTPS"));
        Assert.That(Refused(o => { o.BaseUri = new Uri("ftp://10.0.0.1/"); o.AllowPlainHttp = true; }).Message, Does.Contain("not HTTPS"));
    }

    [TestCase("http://api.mch.weixin.qq.com/")]
    [TestCase("http://API2.MCH.WEIXIN.QQ.COM/")]
    [TestCase("http://api.mch.weixin.qq.com./")]
    [TestCase("http://weixin.qq.com/")]
    public void Plain_http_to_wechat_pay_is_refused_even_with_plain_http_allowed(string uri)
    {
        Assert.That(Refused(o => o.BaseUri = new Uri(uri)).Message, Does.Contain("not HTTPS").And.Contain("even with AllowPlainHttp"));
        Assert.That(Refused(o => { o.BaseUri = new Uri(uri); o.AllowPlainHttp = true; }).Message, Does.Contain("not HTTPS").And.Contain("even with AllowPlainHttp"));
    }

    [TestCase("http://10.0.0.1:8080/")]
    [TestCase("http://simulator:8080/")]
    [TestCase("http://notweixin.qq.com/")]
    public void Plain_http_beyond_loopback_is_accepted_when_allowed_and_still_signed_and_verified(string uri)
    {
        var options = Fixtures.Options(_stub);
        options.BaseUri = new Uri(uri);
        options.AllowPlainHttp = true;
        using var client = new WeChatPayClient(options);
        Assert.That(client.BaseUri.AbsoluteUri, Is.EqualTo(uri));
        Assert.That(client.Send(HttpMethod.Get, "v3/x").Status, Is.EqualTo(200));
        Assert.That(_stub.Last.Header("Authorization"), Does.StartWith("WECHATPAY2-SHA256-RSA2048 "));
        _stub.Respond = _ => StubHandler.Plain(System.Net.HttpStatusCode.OK, "{}");
        Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x"), "an unsigned answer is still refused");
    }

    [TestCase("http://127.0.0.1:5000/", false)]
    [TestCase("http://localhost:5000/", false)]
    [TestCase("https://api2.mch.weixin.qq.com/", false)]
    [TestCase("http://127.0.0.1:5000/", true)]
    [TestCase("http://localhost:5000/", true)]
    [TestCase("https://api2.mch.weixin.qq.com/", true)]
    public void Https_and_loopback_http_are_accepted(string uri, bool allowPlainHttp)
    {
        var options = Fixtures.Options(_stub);
        options.BaseUri = new Uri(uri);
        options.AllowPlainHttp = allowPlainHttp;
        using var client = new WeChatPayClient(options);
        Assert.That(client.BaseUri.AbsoluteUri, Is.EqualTo(uri));
    }

    [Test]
    public void The_default_base_uri_is_the_wechat_pay_api_over_https()
    {
        Assert.That(new ClientOptions().BaseUri.AbsoluteUri, Is.EqualTo("https://api.mch.weixin.qq.com/"));
        Assert.That(new ClientOptions().AllowPlainHttp, Is.False);
        var options = Fixtures.Options(_stub);
        options.BaseUri = new ClientOptions().BaseUri;
        using var client = new WeChatPayClient(options);
        Assert.That(client.BaseUri.AbsoluteUri, Is.EqualTo("https://api.mch.weixin.qq.com/"));
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
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"wechatpay-chain-keys-{Guid.NewGuid():N}"));
        try
        {
            var keyFile = Path.Combine(folder.FullName, "apiclient_key.pem");
            var certificateFile = Path.Combine(folder.FullName, "platform_cert.pem");
            File.WriteAllText(keyFile, Fixtures.Text("merchant_key.pem"));
            File.WriteAllText(certificateFile, Fixtures.Text("platform_cert.pem"));
            var options = Fixtures.Options(_stub);
            options.PrivateKey = "file://" + keyFile;
            options.Certs = new Dictionary<string, object>
            {
                [Fixtures.PlatformSerial] = "file://" + certificateFile,
                [Fixtures.PublicKeyId] = WeChatPay.Chain.Crypto.Rsa.LoadCertificate(Fixtures.Text("platform_cert.pem")),
            };
            using var client = new WeChatPayClient(options);
            Assert.That(client.PlatformKeys.Keys, Is.EquivalentTo(new[] { Fixtures.PlatformSerial, Fixtures.PublicKeyId }));

            // A client that read the files again per call would now sign with another key and find no certificate.
            File.WriteAllText(keyFile, Fixtures.Text("platform_key.pem"));
            File.Delete(certificateFile);

            var responses = new[]
            {
                client.Send(HttpMethod.Post, "v3/x", new { json = new { a = 1 } }),
                client.SendAsync(HttpMethod.Get, "v3/y", new { query = new { b = "2" } }).GetAwaiter().GetResult(),
            };
            Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(200), "verified with the certificate read at construction");
            Assert.That(_stub.Seen.Select(SignedByMerchantKey), Is.EqualTo(new[] { true, true }), "signed with the key read at construction");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Checks a request's Authorization header the way WeChat Pay does, with the message built here by hand.</summary>
    private static bool SignedByMerchantKey(SeenRequest request)
    {
        if (!WeChatPay.Chain.Protocol.AuthorizationHeader.TryParse(request.Header("Authorization"), out var header, out _)) return false;
        var message = System.Text.Encoding.UTF8.GetBytes($"{request.Method}\n{request.Target}\n{header.Timestamp}\n{header.Nonce}\n").Concat(request.Body).Append((byte)'\n').ToArray();
        return Fixtures.MerchantKey.Value.VerifyData(message, Convert.FromBase64String(header.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Test]
    public void An_rsa_object_holding_only_a_public_key_is_refused_as_the_private_key()
    {
        using var publicOnly = RSA.Create();
        publicOnly.ImportParameters(Fixtures.MerchantKey.Value.ExportParameters(includePrivateParameters: false));
        var e = Refused(o => o.PrivateKey = publicOnly);
        Assert.That(e.Message, Does.Contain("PrivateKey is an RSA object that holds only a public key").And.Contain("apiclient_key.pem"));
        Assert.That(_stub.Seen, Is.Empty);
        Assert.That(() => WeChatPay.Chain.Crypto.Rsa.LoadPrivateKey(publicOnly), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("only a public key"));
        Assert.That(WeChatPay.Chain.Crypto.Rsa.LoadPrivateKey(Fixtures.MerchantKey.Value), Is.SameAs(Fixtures.MerchantKey.Value), "a whole key is kept as given");
    }

    [TestCase(Fixtures.PublicKeyId)]
    [TestCase("PUB_KEY_ID_0119000000012025000100000002")]
    public void The_merchant_certificate_under_a_public_key_id_is_refused(string id)
    {
        var e = Refused(o => o.Certs[id] = Fixtures.Text("merchant_cert.pem"));
        Assert.That(e.Message, Does.Contain("merchant's own certificate serial").And.Contain("platform"));
        Assert.That(Refused(o => o.Certs[id] = Fixtures.FileUri("merchant_cert.pem")).Message, Does.Contain("merchant's own"));
    }

    private static readonly object[] MerchantPublicKeys =
    [
        new object[] { "SPKI PEM", (Func<object>)(() => Fixtures.MerchantKey.Value.ExportSubjectPublicKeyInfoPem()) },
        new object[] { "PKCS#1 PEM", (Func<object>)(() => Fixtures.MerchantKey.Value.ExportRSAPublicKeyPem()) },
        new object[] { "RSA object", (Func<object>)(() => { var rsa = RSA.Create(); rsa.ImportParameters(Fixtures.MerchantKey.Value.ExportParameters(false)); return rsa; }) },
    ];

    [TestCaseSource(nameof(MerchantPublicKeys))]
    public void The_merchant_public_key_under_any_id_is_refused(string form, Func<object> key)
    {
        foreach (var id in new[] { Fixtures.PublicKeyId, "PUB_KEY_ID_0119000000012025000100000002", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1" })
        {
            var e = Refused(o => o.Certs[id] = key());
            Assert.That(e.Message, Does.Contain($"Certs[\"{id}\"] holds the merchant's own public key").And.Contain("platform").And.Contain("PrivateKey"), form);
        }
    }

    [Test]
    public void The_merchant_public_key_is_refused_whichever_form_the_private_key_takes()
    {
        var spki = Fixtures.MerchantKey.Value.ExportSubjectPublicKeyInfoPem();
        Assert.That(Refused(o => { o.PrivateKey = Fixtures.FileUri("merchant_key_pkcs1.pem"); o.Certs["PUB_KEY_ID_2"] = spki; }).Message, Does.Contain("merchant's own public key"));
        Assert.That(Refused(o => { o.PrivateKey = Fixtures.Text("merchant_key.pem"); o.Certs["PUB_KEY_ID_2"] = spki; }).Message, Does.Contain("merchant's own public key"));
    }
}
