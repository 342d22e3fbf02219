using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// JSAPI / mini-program <c>paySign</c> and APP <c>sign</c>, checked against signatures openssl made over the same
/// inputs (see Fixtures/make-fixtures.sh); PKCS#1 v1.5 is deterministic, so the Base64 must match exactly.
/// </summary>
public class PaySignTests
{
    private const string AppId = "wxd678efh567hg6787";
    private const string PrepayId = "wx201410272009395522657a690389285100";
    private const string FixedNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    private static JsapiPayParameters Jsapi() => PaySign.ForJsapi(Fixtures.MerchantKey.Value, AppId, PrepayId, Clock, FixedNonce);

    private static AppPayParameters App() => PaySign.ForApp(Fixtures.MerchantKey.Value, AppId, Fixtures.MchId, PrepayId, Clock, FixedNonce);

    [Test]
    public void Jsapi_paySign_equals_the_openssl_signature_over_the_same_fields()
        => Assert.That(Jsapi().PaySign, Is.EqualTo(Fixtures.Text("paysign_jsapi_signature.txt").Trim()));

    [Test]
    public void Jsapi_signs_appId_timeStamp_nonceStr_package_each_followed_by_a_line_feed()
    {
        var p = Jsapi();
        Assert.That(PaySign.JsapiMessage(p.AppId, p.TimeStamp, p.NonceStr, p.Package), Is.EqualTo(Fixtures.Text("paysign_jsapi_message.txt")));
    }

    [Test]
    public void Jsapi_parameters_carry_the_package_sign_type_and_clock_seconds()
    {
        var p = Jsapi();
        Assert.Multiple(() =>
        {
            Assert.That(p.AppId, Is.EqualTo(AppId));
            Assert.That(p.TimeStamp, Is.EqualTo("1700000000"));
            Assert.That(p.NonceStr, Is.EqualTo(FixedNonce));
            Assert.That(p.Package, Is.EqualTo("prepay_id=" + PrepayId));
            Assert.That(p.SignType, Is.EqualTo("RSA"));
        });
    }

    [Test]
    public void Jsapi_json_has_exactly_the_names_the_front_end_reads()
    {
        var json = Newtonsoft.Json.Linq.JObject.FromObject(Jsapi());
        Assert.That(json.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "appId", "timeStamp", "nonceStr", "package", "signType", "paySign" }));
        Assert.That((string?)json["package"], Is.EqualTo("prepay_id=" + PrepayId));
        Assert.That(json["timeStamp"]!.Type, Is.EqualTo(Newtonsoft.Json.Linq.JTokenType.String), "timeStamp is a string, not a number");
    }

    [Test]
    public void Jsapi_serialises_with_the_same_names_under_System_Text_Json()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Jsapi());
        Assert.That(json, Does.StartWith("{\"appId\":\"wxd678efh567hg6787\",\"timeStamp\":\"1700000000\",\"nonceStr\":"));
        Assert.That(json, Does.Contain("\"signType\":\"RSA\"").And.Contain("\"paySign\":\""));
    }

    [Test]
    public void Jsapi_dictionary_matches_the_record()
    {
        var p = Jsapi();
        var d = p.ToDictionary();
        Assert.That(d["appId"], Is.EqualTo(p.AppId));
        Assert.That(d["timeStamp"], Is.EqualTo(p.TimeStamp));
        Assert.That(d["paySign"], Is.EqualTo(p.PaySign));
        Assert.That(d, Has.Count.EqualTo(6));
    }

    [Test]
    public void App_sign_equals_the_openssl_signature_over_the_same_fields()
        => Assert.That(App().Sign, Is.EqualTo(Fixtures.Text("paysign_app_signature.txt").Trim()));

    [Test]
    public void App_signs_the_prepay_id_not_the_package_as_the_fourth_line()
    {
        var p = App();
        Assert.That(PaySign.AppMessage(p.AppId, p.Timestamp, p.NonceStr, p.PrepayId), Is.EqualTo(Fixtures.Text("paysign_app_message.txt")));
        var withPackage = Encoding.UTF8.GetBytes($"{AppId}\n1700000000\n{FixedNonce}\nSign=WXPay\n");
        Assert.That(Rsa.Verify(MerchantPublicKey(), withPackage, p.Sign), Is.False);
    }

    [Test]
    public void App_json_has_the_documented_lower_case_names()
    {
        var json = Newtonsoft.Json.Linq.JObject.FromObject(App());
        Assert.That(json.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "appid", "partnerid", "prepayid", "package", "noncestr", "timestamp", "sign" }));
        Assert.Multiple(() =>
        {
            Assert.That((string?)json["partnerid"], Is.EqualTo(Fixtures.MchId));
            Assert.That((string?)json["prepayid"], Is.EqualTo(PrepayId));
            Assert.That((string?)json["package"], Is.EqualTo("Sign=WXPay"));
            Assert.That((string?)json["timestamp"], Is.EqualTo("1700000000"));
        });
        Assert.That(System.Text.Json.JsonSerializer.Serialize(App()), Does.StartWith("{\"appid\":\"wxd678efh567hg6787\",\"partnerid\":\"1900000001\",\"prepayid\":"));
    }

    [Test]
    public void Without_a_nonce_each_call_draws_a_fresh_32_character_one_and_still_verifies()
    {
        var key = Fixtures.MerchantKey.Value;
        var first = PaySign.ForJsapi(key, AppId, PrepayId, Clock);
        var second = PaySign.ForJsapi(key, AppId, PrepayId, Clock);
        Assert.That(first.NonceStr, Has.Length.EqualTo(32).And.Match("^[0-9A-Za-z]+$"));
        Assert.That(second.NonceStr, Is.Not.EqualTo(first.NonceStr));
        var message = Encoding.UTF8.GetBytes(PaySign.JsapiMessage(first.AppId, first.TimeStamp, first.NonceStr, first.Package));
        Assert.That(Rsa.Verify(MerchantPublicKey(), message, first.PaySign), Is.True);
    }

    [Test]
    public void Without_a_clock_the_timestamp_is_now_in_seconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var p = PaySign.ForApp(Fixtures.MerchantKey.Value, AppId, Fixtures.MchId, PrepayId);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.That(long.Parse(p.Timestamp, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(before, after));
    }

    [Test]
    public void A_prepay_id_given_with_its_package_prefix_is_refused_rather_than_doubled()
    {
        var e = Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(Fixtures.MerchantKey.Value, AppId, "prepay_id=" + PrepayId, Clock, FixedNonce));
        Assert.That(e!.ParamName, Is.EqualTo("prepayId"));
        Assert.That(e.Message, Does.Contain("without 'prepay_id='"));
    }

    [TestCase("", PrepayId, "appId")]
    [TestCase(AppId, "", "prepayId")]
    [TestCase("wxd678efh567hg6787\n1700000000", PrepayId, "appId")]
    [TestCase(AppId, "wx2014\r\n", "prepayId")]
    public void An_empty_or_multi_line_field_is_refused(string appId, string prepayId, string parameter)
        => Assert.That(Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(Fixtures.MerchantKey.Value, appId, prepayId, Clock, FixedNonce))!.ParamName, Is.EqualTo(parameter));

    [Test]
    public void An_empty_partner_id_or_nonce_is_refused_for_app()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => PaySign.ForApp(Fixtures.MerchantKey.Value, AppId, "", PrepayId, Clock))!.ParamName, Is.EqualTo("partnerId"));
        Assert.That(Assert.Throws<ArgumentException>(() => PaySign.ForApp(Fixtures.MerchantKey.Value, AppId, Fixtures.MchId, PrepayId, Clock, ""))!.ParamName, Is.EqualTo("nonce"));
    }

    [Test]
    public void A_key_without_its_private_part_is_refused_naming_the_parameter()
    {
        using var publicOnly = MerchantPublicKey();
        Assert.That(Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(publicOnly, AppId, PrepayId, Clock, FixedNonce))!.ParamName, Is.EqualTo("merchantPrivateKey"));
        Assert.That(Assert.Throws<ArgumentException>(() => PaySign.ForApp(publicOnly, AppId, Fixtures.MchId, PrepayId, Clock, FixedNonce))!.ParamName, Is.EqualTo("merchantPrivateKey"));
    }

    private static RSA MerchantPublicKey() => Rsa.LoadPublicKey(Fixtures.Text("merchant_cert.pem"));
}
