using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Simulator.Tests.ShangMi;

/// <summary>
/// 国密 against the simulator: requests signed SM2-with-SM3 by the library and by OpenSSL are taken, answers are signed
/// with the SM2 platform key (checked by OpenSSL), sensitive fields travel SM2-encrypted both ways, and orders made in
/// 国密 notify in 国密.
/// </summary>
public sealed class Sm2ExchangeTests : SimulatorTest
{
    private WeChatPayClient _client = null!;

    [SetUp]
    public void CreateClient() => _client = Builder.Create(Server.Profile.ToClientOptions(scheme: SignatureScheme.Sm2WithSm3));

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task An_sm2_client_creates_and_queries_an_order_answered_under_the_sm2_platform_certificate()
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();

        var created = await _client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = SmartRetail.CreateBody(outOrderNo) });
        var queried = await _client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders", new { query = new { service_id = SmartRetail.ServiceId, out_order_no = outOrderNo, appid = SmartRetail.AppId } });

        Assert.Multiple(() =>
        {
            Assert.That(created.Json.Value<string>("state"), Is.EqualTo("CREATED"));
            Assert.That(queried.Json.Value<string>("out_order_no"), Is.EqualTo(outOrderNo));
            Assert.That(queried.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial));
            Assert.That(Server.FindOrder(outOrderNo)!.Scheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
        });
    }

    [Test]
    public async Task An_answer_to_an_sm2_request_verifies_with_openssl_under_the_sm2_platform_certificate()
    {
        var answer = await _client.SendAsync(HttpMethod.Get, "v3/certificates", new { query = new { algorithm_type = "SM2" } });

        var message = SignatureMessage.ForResponse(answer.Header("Wechatpay-Timestamp")!, answer.Header("Wechatpay-Nonce")!, answer.Body);
        Assert.That(OpenSslSm2.Verifies(Server.Profile.Sm2PlatformCertificatePath, message, answer.Header("Wechatpay-Signature")!), Is.True);
        message[^2] ^= 1;
        Assert.That(OpenSslSm2.Verifies(Server.Profile.Sm2PlatformCertificatePath, message, answer.Header("Wechatpay-Signature")!), Is.False, "openssl tells an altered message apart");
    }

    [Test]
    public async Task A_request_openssl_signed_with_the_merchant_sm2_key_is_taken_and_an_altered_one_refused()
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var body = SmartRetail.CreateBody(outOrderNo);

        var taken = await Merchant.PostAsync(SmartRetail.Path, body, SignedByOpenSsl(alter: false));
        var refused = await Merchant.PostAsync(SmartRetail.Path, body, SignedByOpenSsl(alter: true));

        Assert.Multiple(() =>
        {
            Assert.That((int)taken.Status, Is.EqualTo(200), taken.ToString());
            Assert.That(taken.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial), "answered in the request's scheme");
            Assert.That((int)refused.Status, Is.EqualTo(401));
            Assert.That(refused.Code, Is.EqualTo("SIGN_ERROR"));
        });
    }

    [Test]
    public async Task An_sm2_signature_under_the_rsa_serial_is_refused_with_a_hint()
    {
        var options = Server.Profile.ToClientOptions(scheme: SignatureScheme.Sm2WithSm3);
        options.Serial = Server.Profile.MerchantSerial;
        using var client = Builder.Create(options);

        var error = await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates", new { query = new { algorithm_type = "SM2" } }));

        Assert.That(error!.Code, Is.EqualTo("SIGN_ERROR"));
        Assert.That(error.Detail?["issue"]?.Value<string>(), Does.Contain("merchant's RSA certificate serial").And.Contain(Server.Profile.Sm2MerchantSerial));
    }

    [Test]
    public async Task A_sensitive_field_travels_sm2_encrypted_both_ways()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "v3/profitsharing/receivers/add", new
        {
            json = new { appid = Receivers.AppId, type = "MERCHANT_ID", account = "1900000109", name = new Sensitive("示例商户全称"), relation_type = "STORE" },
        });
        var echoed = response.Json.Value<string>("name")!;

        Assert.Multiple(() =>
        {
            Assert.That(_client.EncryptionKeyId, Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial));
            Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("示例商户全称"), "the simulator decrypted it with the SM2 platform key");
            Assert.That(_client.Decrypt(echoed), Is.EqualTo("示例商户全称"));
            var byOpenSsl = OpenSsl.Run(Convert.FromBase64String(echoed), "pkeyutl", "-decrypt", "-inkey", Server.Profile.Sm2PrivateKeyPath);
            Assert.That(Encoding.UTF8.GetString(byOpenSsl), Is.EqualTo("示例商户全称"), "the echo is SM2 ciphertext for the merchant's key, as OpenSSL reads it");
        });
    }

    [Test]
    public async Task A_sensitive_field_openssl_encrypted_for_the_sm2_platform_certificate_is_decrypted()
    {
        var publicKey = OpenSsl.Run([], "x509", "-in", Server.Profile.Sm2PlatformCertificatePath, "-pubkey", "-noout");
        using var keyFile = new TempFile(publicKey);
        var ciphertext = OpenSsl.Run(Encoding.UTF8.GetBytes("李四"), "pkeyutl", "-encrypt", "-pubin", "-inkey", keyFile.Path);

        var answer = await AddUnderSm2SerialAsync(Convert.ToBase64String(ciphertext));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("李四"));
    }

    [Test]
    public async Task A_field_encrypted_with_rsa_but_sent_under_the_sm2_serial_is_a_param_error_naming_sm2()
    {
        using var rsaClient = Builder.Create(Server.Profile.ToClientOptions());
        var rsaCiphertext = rsaClient.Encrypt("王五");

        var answer = await AddUnderSm2SerialAsync(rsaCiphertext);

        Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(answer.Text, Does.Contain("SM2 encryption"));
    }

    [Test]
    public async Task An_order_made_in_sm2_notifies_signed_with_sm2_and_encrypted_with_sm4_gcm_which_the_client_reads()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var body = SmartRetail.CreateBody(outOrderNo);
        body["notify_url"] = receiver.Url.ToString();
        await _client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = body });

        await Server.AcceptOrderAsync(outOrderNo);
        await Server.WaitForNotificationsAsync();

        var received = receiver.Received.Single();
        var envelope = JObject.Parse(Encoding.UTF8.GetString(received.Body));
        var notification = _client.Notifications.Read(received.Body, received.Headers);
        Assert.Multiple(() =>
        {
            Assert.That(received.Header("Wechatpay-Signature-Type"), Is.EqualTo("WECHATPAY2-SM2-WITH-SM3"));
            Assert.That(received.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.Sm2PlatformCertificateSerial));
            Assert.That(envelope["resource"]!.Value<string>("algorithm"), Is.EqualTo("AEAD_SM4_GCM"));
            Assert.That(notification.EventType, Is.EqualTo("PAYSCORE.USER_CONFIRM"));
            Assert.That(notification.Resource.Value<string>("out_order_no"), Is.EqualTo(outOrderNo));
            var message = SignatureMessage.ForResponse(received.Header("Wechatpay-Timestamp")!, received.Header("Wechatpay-Nonce")!, received.Body);
            Assert.That(OpenSslSm2.Verifies(Server.Profile.Sm2PlatformCertificatePath, message, received.Header("Wechatpay-Signature")!), Is.True, "OpenSSL accepts the notification's signature");
        });
    }

    [Test]
    public async Task An_order_made_in_rsa_still_notifies_in_rsa()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var outOrderNo = await CreateOrderAsync(body => body["notify_url"] = receiver.Url.ToString());

        await Server.AcceptOrderAsync(outOrderNo);
        await Server.WaitForNotificationsAsync();

        var received = receiver.Received.Single();
        Assert.That(received.Header("Wechatpay-Signature-Type"), Is.EqualTo("WECHATPAY2-SHA256-RSA2048"));
        Assert.That(JObject.Parse(Encoding.UTF8.GetString(received.Body))["resource"]!.Value<string>("algorithm"), Is.EqualTo("AEAD_AES_256_GCM"));
    }

    /// <summary>Adds a merchant receiver whose name is <paramref name="name"/>, naming the SM2 platform key in <c>Wechatpay-Serial</c>.</summary>
    private Task<ApiAnswer> AddUnderSm2SerialAsync(string name)
        => Merchant.SendAsync(HttpMethod.Post, "/v3/profitsharing/receivers/add", System.Text.Json.JsonSerializer.Serialize(Receivers.MerchantBody("1900000120", name)),
            headers: new Dictionary<string, string> { ["Wechatpay-Serial"] = Server.Profile.Sm2PlatformCertificateSerial });

    /// <summary>Replaces the RSA signature with one openssl makes with the merchant's SM2 key, under the SM2 scheme and serial.</summary>
    private Action<SignatureParts> SignedByOpenSsl(bool alter) => parts =>
    {
        parts.Serial = Server.Profile.Sm2MerchantSerial;
        parts.FormatHeader = (signed, _) =>
        {
            var message = SignatureMessage.ForRequest(signed.SignedMethod, signed.SignedTarget, signed.Timestamp, signed.Nonce, signed.SignedBody);
            if (alter) message[^2] ^= 1;
            var signature = Convert.ToBase64String(OpenSsl.Run(message, "pkeyutl", "-sign", "-inkey", Server.Profile.Sm2PrivateKeyPath, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + Sm2.UserId));
            return new AuthorizationHeader(signed.MchId, signed.Nonce, signed.Timestamp, signed.Serial, signature) { SignatureScheme = SignatureScheme.Sm2WithSm3 }.ToString();
        };
    };
}
