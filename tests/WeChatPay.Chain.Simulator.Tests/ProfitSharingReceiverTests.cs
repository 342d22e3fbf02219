using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ProfitSharingReceiverTests : SimulatorTest
{
    private RSA _platformKey = null!;
    private RSA _merchantKey = null!;

    [SetUp]
    public void LoadKeys()
    {
        _platformKey = Receivers.PlatformKey(Server.Profile);
        _merchantKey = Receivers.MerchantPrivateKey(Server.Profile);
    }

    [TearDown]
    public void DisposeKeys()
    {
        _platformKey.Dispose();
        _merchantKey.Dispose();
    }

    private string Serial => Server.Profile.PlatformCertificateSerial;

    private Task<ApiAnswer> AddAsync(Dictionary<string, object?> body, string? serial, Action<SignatureParts>? spoil = null)
        => Merchant.SendAsync(HttpMethod.Post, Receivers.AddPath, System.Text.Json.JsonSerializer.Serialize(body), spoil, serial is null ? null : Receivers.SerialHeader(serial));

    private static void AssertParamError(ApiAnswer answer, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
            Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That(answer.Json["detail"]?["field"]?.GetValue<string>(), Is.EqualTo(field), answer.ToString());
        });
    }

    [Test]
    public async Task A_merchant_receiver_is_added_with_its_name_decrypted_and_echoed_for_the_merchant()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "示例商户全称")), Serial);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        answer.Verify(Verifier());
        var json = answer.Json;
        Assert.Multiple(() =>
        {
            Assert.That(json["type"]!.GetValue<string>(), Is.EqualTo("MERCHANT_ID"));
            Assert.That(json["account"]!.GetValue<string>(), Is.EqualTo("1900000109"));
            Assert.That(json["relation_type"]!.GetValue<string>(), Is.EqualTo("STORE"));
            Assert.That(Rsa.Decrypt(_merchantKey, json["name"]!.GetValue<string>()), Is.EqualTo("示例商户全称"), "the echoed name is for the merchant's private key");
            Assert.That(Server.ProfitSharingReceivers, Is.EqualTo(new[] { new ProfitSharingReceiverView(Receivers.AppId, "MERCHANT_ID", "1900000109", "示例商户全称", "STORE", null) }));
        });
    }

    [Test]
    public async Task The_name_may_be_encrypted_under_the_public_key_id_and_the_answer_is_then_signed_under_it()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000110", Rsa.Encrypt(_platformKey, "张三")), Server.Profile.PublicKeyId);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(answer.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.PublicKeyId));
        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("张三"));
    }

    [Test]
    public async Task A_name_encrypted_by_openssl_is_decrypted_and_the_echo_decrypts_with_openssl()
    {
        var ciphertext = OpenSsl.Run(Encoding.UTF8.GetBytes("独立工具加密"),
            "pkeyutl", "-encrypt", "-pubin", "-inkey", Server.Profile.CertificatePaths[Server.Profile.PublicKeyId],
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1");

        var answer = await AddAsync(Receivers.MerchantBody("1900000111", Convert.ToBase64String(ciphertext)), Serial);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("独立工具加密"));
        var echoed = OpenSsl.Run(Convert.FromBase64String(answer.Json["name"]!.GetValue<string>()),
            "pkeyutl", "-decrypt", "-inkey", Server.Profile.PrivateKeyPath,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha1", "-pkeyopt", "rsa_mgf1_md:sha1");
        Assert.That(Encoding.UTF8.GetString(echoed), Is.EqualTo("独立工具加密"));
    }

    [Test]
    public async Task A_personal_receiver_needs_no_name_and_no_serial_header()
    {
        var answer = await AddAsync(Receivers.PersonalBody("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), null);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(answer.Json.ContainsKey("name"), Is.False);
        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.Null);
    }

    [Test]
    public async Task A_name_without_the_serial_header_is_a_param_error_that_explains_the_header()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "张三")), null);

        AssertParamError(answer, "Wechatpay-Serial");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("Wechatpay-Serial").And.Contain(Serial).And.Contain(Server.Profile.PublicKeyId));
        Assert.That(Server.ProfitSharingReceivers, Is.Empty);
    }

    [Test]
    public async Task The_merchant_serial_in_the_serial_header_is_refused_with_a_hint()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "张三")), Server.Profile.MerchantSerial);

        AssertParamError(answer, "Wechatpay-Serial");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("merchant's own certificate serial"));
    }

    [Test]
    public async Task An_unknown_serial_is_refused()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "张三")), "PUB_KEY_ID_0000000000000000000000000000");

        AssertParamError(answer, "Wechatpay-Serial");
    }

    [Test]
    public async Task A_name_encrypted_with_another_key_does_not_decrypt()
    {
        using var merchantPublic = Rsa.LoadPublicKey(Rsa.FilePrefix + Server.Profile.MerchantCertificatePath);

        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(merchantPublic, "张三")), Serial);

        AssertParamError(answer, "name");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.StartWith("name was not encrypted with the platform key named by Wechatpay-Serial"));
        Assert.That(Server.ProfitSharingReceivers, Is.Empty);
    }

    [Test]
    public async Task A_name_encrypted_with_pkcs1_padding_instead_of_oaep_does_not_decrypt()
    {
        var pkcs1 = Convert.ToBase64String(_platformKey.Encrypt(Encoding.UTF8.GetBytes("张三"), RSAEncryptionPadding.Pkcs1));

        var answer = await AddAsync(Receivers.MerchantBody("1900000109", pkcs1), Serial);

        AssertParamError(answer, "name");
    }

    [Test]
    public async Task A_name_in_plain_text_does_not_decrypt()
    {
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", "张三"), Serial);

        AssertParamError(answer, "name");
    }

    [Test]
    public async Task A_merchant_receiver_without_a_name_is_refused()
    {
        var body = Receivers.MerchantBody("1900000109", "x");
        body.Remove("name");

        AssertParamError(await AddAsync(body, Serial), "name");
    }

    [TestCase("appid")]
    [TestCase("type")]
    [TestCase("account")]
    [TestCase("relation_type")]
    public async Task A_missing_required_field_is_named(string field)
    {
        var body = Receivers.PersonalBody("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        body.Remove(field);

        AssertParamError(await AddAsync(body, null), field);
    }

    [TestCase("type", "PERSONAL_SUB_OPENID")]
    [TestCase("type", "merchant_id")]
    [TestCase("relation_type", "FRIEND")]
    public async Task A_value_outside_the_documented_set_is_refused(string field, string value)
    {
        var body = Receivers.PersonalBody("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        body[field] = value;

        AssertParamError(await AddAsync(body, null), field);
    }

    [Test]
    public async Task A_custom_relation_is_required_for_custom_and_at_most_ten_characters()
    {
        var body = Receivers.PersonalBody("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        body["relation_type"] = "CUSTOM";
        AssertParamError(await AddAsync(body, null), "custom_relation");

        body["custom_relation"] = "一二三四五六七八九十一";
        AssertParamError(await AddAsync(body, null), "custom_relation");

        body["custom_relation"] = "代理商";
        var answer = await AddAsync(body, null);
        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(answer.Json["custom_relation"]!.GetValue<string>(), Is.EqualTo("代理商"));
    }

    [Test]
    public async Task A_request_signed_over_another_body_is_a_sign_error_and_stores_nothing()
    {
        var answer = await AddAsync(Receivers.PersonalBody("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), null,
            parts => parts.SignedBody = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(parts.SignedBody).Replace("PARTNER", "STORE")));

        Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
        Assert.That(Server.ProfitSharingReceivers, Is.Empty);
    }

    [Test]
    public async Task Adding_the_same_receiver_again_replaces_it()
    {
        await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "旧名")), Serial);
        var answer = await AddAsync(Receivers.MerchantBody("1900000109", Rsa.Encrypt(_platformKey, "新名")), Serial);

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(Server.ProfitSharingReceivers.Select(r => r.Name), Is.EqualTo(new[] { "新名" }));
    }

    [Test]
    public async Task A_deleted_receiver_is_gone_and_the_answer_echoes_it()
    {
        await AddAsync(Receivers.PersonalBody("oKeep"), null);
        await AddAsync(Receivers.PersonalBody("oGone"), null);

        var answer = await Merchant.PostAsync(Receivers.DeletePath, new { appid = Receivers.AppId, type = "PERSONAL_OPENID", account = "oGone" });

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        answer.Verify(Verifier());
        Assert.That(answer.Json.ToJsonString(), Is.EqualTo("""{"type":"PERSONAL_OPENID","account":"oGone"}"""));
        Assert.That(Server.ProfitSharingReceivers.Select(r => r.Account), Is.EqualTo(new[] { "oKeep" }));
    }

    [Test]
    public async Task Deleting_an_unknown_receiver_is_404()
    {
        var answer = await Merchant.PostAsync(Receivers.DeletePath, new { appid = Receivers.AppId, type = "MERCHANT_ID", account = "1900000109" });

        Assert.That((int)answer.Status, Is.EqualTo(404), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task A_delete_without_type_is_a_param_error()
    {
        var answer = await Merchant.PostAsync(Receivers.DeletePath, new { appid = Receivers.AppId, account = "1900000109" });

        AssertParamError(answer, "type");
    }
}
