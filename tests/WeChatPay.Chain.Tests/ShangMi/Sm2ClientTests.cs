using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.ShangMi;

/// <summary>
/// A 国密 client: an SM2 merchant key makes requests <c>WECHATPAY2-SM2-WITH-SM3</c> (checked by OpenSSL), SM2 platform
/// certificates verify answers (one OpenSSL signed), sensitive fields go SM2-encrypted, and keys of the wrong kind are
/// clear errors, never exceptions from the crypto library.
/// </summary>
public class Sm2ClientTests
{
    private const string Sm2PlatformSerial = "5A1E2B3C4D5E6F708192A3B4C5D6E7F8";
    private const string Nonce = "B3C1D8A51D2E4F6A8B9C0D1E2F3A4B5C";
    private const long SignedAt = 1700000000;

    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler { Respond = _ => OpenSslSignedAnswer() };

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private ClientOptions Options(SignatureScheme? scheme = null) => new()
    {
        MchId = Fixtures.MchId,
        Serial = "7E3D8A1B2C4F5A6E9D0C1B2A3F4E5D6C7B8A9F0E",
        PrivateKey = Fixtures.FileUri("sm2_key.pem"),
        Scheme = scheme,
        Certs = { [Sm2PlatformSerial] = Fixtures.FileUri("sm2_platform_cert.pem") },
        HttpMessageHandler = _stub,
        TimeProvider = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(SignedAt)),
    };

    /// <summary>The answer of Fixtures/sm2_response_message.txt with the signature OpenSSL made over it with the SM2 platform key.</summary>
    private static HttpResponseMessage OpenSslSignedAnswer(string? body = null, string serial = Sm2PlatformSerial, string? signature = null)
    {
        var message = Fixtures.Text("sm2_response_message.txt").Split('\n');
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body ?? message[2], Encoding.UTF8, "application/json") };
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, message[0]);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, message[1]);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, signature ?? Fixtures.Text("sm2_response_signature.txt").Trim());
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, serial);
        return response;
    }

    [Test]
    public void An_sm2_key_makes_the_client_sign_in_sm2_and_openssl_accepts_the_signature()
    {
        using var client = new WeChatPayClient(Options());
        Assert.That(client.Signer.Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));

        client.Send(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { service_id = "500001" } });

        var authorization = _stub.Last.Header("Authorization")!;
        Assert.That(authorization, Does.StartWith("WECHATPAY2-SM2-WITH-SM3 mchid=\""));
        Assert.That(AuthorizationHeader.TryParse(authorization, out var header, out _), Is.True);
        Assert.That(header!.SignatureScheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
        Assert.That(header.Timestamp, Is.EqualTo(SignedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var directory = Directory.CreateTempSubdirectory("sm2-request-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(directory, "message"), SignatureMessage.ForRequest("POST", _stub.Last.Target, header.Timestamp, header.Nonce, _stub.Last.Body));
            File.WriteAllBytes(Path.Combine(directory, "signature.der"), Convert.FromBase64String(header.Signature));
            File.Copy(Fixtures.PathOf("sm2_pub.pem"), Path.Combine(directory, "pub.pem"));

            var (code, output) = OpenSsl.Run(directory, "pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678 -pubin -inkey pub.pem -in message -sigfile signature.der");

            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("Signature Verified Successfully"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void An_answer_openssl_signed_with_the_sm2_platform_key_verifies_and_an_altered_one_does_not()
    {
        using var client = new WeChatPayClient(Options(SignatureScheme.Sm2WithSm3));

        var response = client.Send(HttpMethod.Get, "v3/x", null);
        Assert.That((string?)response.Json["code"], Is.EqualTo("SM2"));

        _stub.Respond = _ => OpenSslSignedAnswer(body: "{\"code\":\"SM3\"}");
        var e = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x", null))!;
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Message, Does.Contain("does not match the body"));
    }

    [Test]
    public void An_sm2_signature_checked_with_an_rsa_key_is_a_clear_verification_error()
    {
        var options = Options();
        options.Certs = new Dictionary<string, object> { [Fixtures.PlatformSerial] = Fixtures.FileUri("platform_cert.pem") };
        using var client = new WeChatPayClient(options);
        _stub.Respond = _ => OpenSslSignedAnswer(serial: Fixtures.PlatformSerial);

        var e = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x", null))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Message, Does.Contain("shape of an SM2 signature but the key is RSA").And.Contain("Sm2WithSm3"));
    }

    [Test]
    public void An_rsa_signature_checked_with_an_sm2_key_is_a_clear_verification_error()
    {
        using var client = new WeChatPayClient(Options());
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{}", serial: Sm2PlatformSerial, timestamp: SignedAt);

        var e = Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/x", null))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Message, Does.Contain("256 bytes, the size of an RSA signature, but the key is SM2"));
    }

    [Test]
    public void A_scheme_that_does_not_match_the_key_is_refused_when_the_client_is_built()
    {
        var sm2 = Options(SignatureScheme.Rsa2048WithSha256);
        Assert.That(() => new WeChatPayClient(sm2), Throws.TypeOf<ConfigurationException>().With.Message.Contains("Scheme is Rsa2048WithSha256 but PrivateKey is an SM2 key"));

        var rsa = Fixtures.Options(_stub);
        rsa.Scheme = SignatureScheme.Sm2WithSm3;
        Assert.That(() => new WeChatPayClient(rsa), Throws.TypeOf<ConfigurationException>().With.Message.Contains("PrivateKey is an RSA key").And.Message.Contains("SM2 private key"));

        rsa.Scheme = SignatureScheme.Rsa2048WithSha256;
        using var client = new WeChatPayClient(rsa);
        Assert.That(client.Signer.Scheme, Is.EqualTo(SignatureScheme.Rsa2048WithSha256));
    }

    [Test]
    public void A_p256_key_is_not_taken_for_sm2()
    {
        using var p256 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var options = Options();
        options.PrivateKey = p256.ExportPkcs8PrivateKeyPem();
        Assert.That(() => new WeChatPayClient(options), Throws.TypeOf<ConfigurationException>().With.Message.Contains("not on the SM2 curve"));
    }

    [Test]
    public void Sm2_platform_certificates_load_under_their_serial_beside_rsa_ones()
    {
        var keys = PlatformKeys.Load(new Dictionary<string, object>
        {
            [Sm2PlatformSerial] = Fixtures.FileUri("sm2_platform_cert.pem"),
            [Fixtures.PlatformSerial] = Fixtures.FileUri("platform_cert.pem"),
        }, "7E3D8A1B2C4F5A6E9D0C1B2A3F4E5D6C7B8A9F0E");

        Assert.That(keys.Ids, Is.EquivalentTo(new[] { Sm2PlatformSerial, Fixtures.PlatformSerial }));
        Assert.That(keys.SchemeOf(Sm2PlatformSerial), Is.EqualTo(SignatureScheme.Sm2WithSm3));
        Assert.That(keys.SchemeOf(Fixtures.PlatformSerial), Is.EqualTo(SignatureScheme.Rsa2048WithSha256));
        Assert.That(keys.Keys, Is.EqualTo(new[] { Fixtures.PlatformSerial }), "the RSA view holds the RSA key only");
        Assert.That(() => PlatformKeys.Load(new Dictionary<string, object> { ["0123"] = Fixtures.FileUri("sm2_platform_cert.pem") }, "AB"),
            Throws.TypeOf<ConfigurationException>().With.Message.Contains($"holds the certificate with serial {Sm2PlatformSerial}"));
    }

    [Test]
    public void The_merchants_own_sm2_public_key_in_certs_is_refused()
    {
        var options = Options();
        options.Certs = new Dictionary<string, object> { ["PUB_KEY_ID_0114232134912410000000000000"] = Fixtures.FileUri("sm2_pub.pem") };
        Assert.That(() => new WeChatPayClient(options), Throws.TypeOf<ConfigurationException>().With.Message.Contains("the merchant's own public key"));
    }

    [Test]
    public void Sensitive_fields_are_sm2_encrypted_for_the_sm2_platform_key_and_named_by_its_serial()
    {
        using var client = new WeChatPayClient(Options());

        client.Send(HttpMethod.Post, "v3/profitsharing/receivers/add", new { json = new { type = "PERSONAL_OPENID", name = new Sensitive("张三") } });

        Assert.That(_stub.Last.Header("Wechatpay-Serial"), Is.EqualTo(Sm2PlatformSerial));
        var ciphertext = (string)JObject.Parse(_stub.Last.BodyText)["name"]!;
        var platformKey = Sm2.LoadPrivateKey(Fixtures.Text("sm2_platform_key.pem"), "platform");
        Assert.That(Sm2.Decrypt(platformKey, ciphertext), Is.EqualTo("张三"));
        Assert.That(() => client.PlatformKeys.EncryptionKey(), Throws.TypeOf<ConfigurationException>().With.Message.Contains("SM2 key"));
    }

    [Test]
    public void Sensitive_fields_go_to_a_key_of_the_merchants_own_scheme_when_certs_hold_both_kinds()
    {
        var sm2 = Options();
        sm2.Certs[Fixtures.PublicKeyId] = Fixtures.Text("platform_pub.pem");
        sm2.Certs[Fixtures.PlatformSerial] = Fixtures.Text("platform_cert.pem");
        var rsa = Fixtures.Options(_stub);
        rsa.Certs[Sm2PlatformSerial] = Fixtures.FileUri("sm2_platform_cert.pem");
        using var sm2Client = new WeChatPayClient(sm2);
        using var rsaClient = new WeChatPayClient(rsa);

        Assert.That(sm2Client.EncryptionKeyId, Is.EqualTo(Sm2PlatformSerial), "a 国密 merchant encrypts for the SM2 platform key, though a PUB_KEY_ID is there");
        Assert.That(rsaClient.EncryptionKeyId, Is.EqualTo(Fixtures.PublicKeyId), "an RSA merchant keeps to RSA");
        var (ciphertext, keyId) = sm2Client.EncryptForPlatform("张三");
        Assert.That(keyId, Is.EqualTo(Sm2PlatformSerial));
        Assert.That(Sm2.Decrypt(Sm2.LoadPrivateKey(Fixtures.Text("sm2_platform_key.pem"), "platform"), ciphertext), Is.EqualTo("张三"));
    }

    [Test]
    public void Sensitive_fields_encrypted_for_the_sm2_merchant_key_decrypt()
    {
        using var client = new WeChatPayClient(Options());
        var ciphertext = Sm2.Encrypt(Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem"), "merchant"), "13800138000");

        Assert.That(client.Decrypt(ciphertext), Is.EqualTo("13800138000"));
        Assert.That(() => client.Decrypt(Convert.ToBase64String(new byte[256])), Throws.TypeOf<DecryptionException>());
    }

    [Test]
    public void Certificate_download_asks_for_the_sm2_set_and_decrypts_it_with_sm4_gcm()
    {
        var pem = Fixtures.Text("sm2_platform_cert.pem");
        var body = CertificatesAnswers.Of(CertificatesAnswers.Entry(Sm2PlatformSerial, pem, sm4: true));
        var platformKey = Sm2.LoadPrivateKey(Fixtures.Text("sm2_platform_key.pem"), "platform");
        var signature = Sm2.Sign(platformKey, SignatureMessage.ForResponse(SignedAt.ToString(System.Globalization.CultureInfo.InvariantCulture), Nonce, Encoding.UTF8.GetBytes(body)));
        _stub.Respond = _ =>
        {
            var response = OpenSslSignedAnswer(body: body, signature: signature);
            response.Headers.Remove(WeChatPayHeaders.Nonce);
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, Nonce);
            response.Headers.Remove(WeChatPayHeaders.Timestamp);
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, SignedAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        };
        var options = Options();
        options.Certs = new Dictionary<string, object>();
        options.ApiV3Key = CertificatesAnswers.ApiV3Key;
        using var downloader = new PlatformCertificateDownloader(options);

        var certificates = downloader.Download();

        Assert.That(_stub.Last.Target, Is.EqualTo("/v3/certificates?algorithm_type=SM2"));
        Assert.That(_stub.Last.Header("Authorization"), Does.StartWith("WECHATPAY2-SM2-WITH-SM3 "));
        Assert.That(certificates.Select(c => c.Serial), Is.EqualTo(new[] { Sm2PlatformSerial }));
        Assert.That(certificates[0].Pem, Is.EqualTo(pem));
        var keys = PlatformKeys.Load([], "AB", allowEmpty: true);
        Assert.That(keys.Add(certificates), Is.EqualTo(new[] { Sm2PlatformSerial }));
        Assert.That(keys.SchemeOf(Sm2PlatformSerial), Is.EqualTo(SignatureScheme.Sm2WithSm3));
    }
}
