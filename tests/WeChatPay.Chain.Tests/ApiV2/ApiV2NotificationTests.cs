using System.Text;
using WeChatPay.Chain.Testing;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// APIv2 notifications: a payment notification signed outside the library (Python <c>hashlib.md5</c> over the sorted
/// fields and the key) is taken, an altered or unsigned one refused; a refund notification's <c>req_info</c> made with
/// Python <c>cryptography</c> is decrypted and its fields joined to the outer ones.
/// </summary>
public class ApiV2NotificationTests
{
    private const string Key = "192006250b4c09247ec02edce69f6a2d";

    private static readonly ApiV2NotificationReader Reader = new(Key);

    private const string Payment =
        "<xml><appid><![CDATA[wx2421b1c4370ec43b]]></appid><bank_type><![CDATA[CFT]]></bank_type><cash_fee><![CDATA[1]]></cash_fee><fee_type><![CDATA[CNY]]></fee_type>" +
        "<is_subscribe><![CDATA[Y]]></is_subscribe><mch_id><![CDATA[10000100]]></mch_id><nonce_str><![CDATA[5d2b6c2a8db53831f7eda20af46e531c]]></nonce_str>" +
        "<openid><![CDATA[oUpF8uMEb4qRXf22hE3X68TekukE]]></openid><out_trade_no><![CDATA[1409811653]]></out_trade_no><result_code><![CDATA[SUCCESS]]></result_code>" +
        "<return_code><![CDATA[SUCCESS]]></return_code><sign><![CDATA[029A84C8E085AB506F483775B687454C]]></sign><time_end><![CDATA[20140903131540]]></time_end>" +
        "<total_fee>1</total_fee><trade_type><![CDATA[JSAPI]]></trade_type><transaction_id><![CDATA[1004400740201409030005092168]]></transaction_id></xml>";

    private const string ReqInfo = "WBzGpzQuNpcFxIlFjUUD9BfnwwNUlVAs7bwvgHME4/T16HykmsG8sOe9lkNSqTrKEzEQIOaZs9EYO4DOrifmCRYlj0HSKB+gKdjJchMaqd95xSi6GXW4jpxoab571C/sOcKr/e7RWL1s5iSUuEU8Ajva8s0nD5i6JX5XAq0BxxznFVOsJjAs2NFxM6yIiF5v/8ebKZaqsn7Md90N01sy1w==";

    private static ApiV2Fields Read(string xml) => Reader.Read(Encoding.UTF8.GetBytes(xml));

    [Test]
    public void A_payment_notification_signed_by_python_is_verified_and_read()
    {
        var fields = Read(Payment);

        Assert.That(fields["transaction_id"], Is.EqualTo("1004400740201409030005092168"));
        Assert.That(fields["total_fee"], Is.EqualTo("1"));
    }

    [Test]
    public void An_altered_payment_notification_is_refused()
        => Assert.That(Assert.Throws<ResponseVerificationException>(() => Read(Payment.Replace("<total_fee>1</total_fee>", "<total_fee>100</total_fee>")))!.Reason, Is.EqualTo(VerificationFailure.BadSignature));

    [Test]
    public void A_payment_notification_without_sign_is_refused()
        => Assert.That(Assert.Throws<ResponseVerificationException>(() => Read(Payment.Replace("<sign><![CDATA[029A84C8E085AB506F483775B687454C]]></sign>", "")))!.Reason, Is.EqualTo(VerificationFailure.MissingSign));

    [Test]
    public void A_refund_notification_is_decrypted_and_joined_to_its_outer_fields()
    {
        var fields = Read($"<xml><return_code>SUCCESS</return_code><appid><![CDATA[wx1]]></appid><mch_id><![CDATA[10000100]]></mch_id><nonce_str><![CDATA[n]]></nonce_str><req_info><![CDATA[{ReqInfo}]]></req_info></xml>");

        Assert.That(fields["out_refund_no"], Is.EqualTo("R20261207001"));
        Assert.That(fields["refund_status"], Is.EqualTo("SUCCESS"));
        Assert.That(fields["mch_id"], Is.EqualTo("10000100"));
        Assert.That(fields.ContainsKey("req_info"), Is.False);
    }

    [Test]
    public void A_refund_notification_under_another_key_is_a_decryption_error()
        => Assert.That(() => new ApiV2NotificationReader(TestMerchant.ApiV2Key).Read(Encoding.UTF8.GetBytes($"<xml><return_code>SUCCESS</return_code><req_info>{ReqInfo}</req_info></xml>")),
            Throws.TypeOf<DecryptionException>());

    [Test]
    public void A_refund_notification_that_repeats_an_inner_field_outside_is_refused()
        => Assert.That(() => Read($"<xml><return_code>SUCCESS</return_code><refund_status>SUCCESS</refund_status><req_info>{ReqInfo}</req_info></xml>"),
            Throws.TypeOf<ResponseFormatException>().With.Message.Contains("both outside and inside"));

    [TestCase("<xml><return_code>FAIL</return_code><return_msg>x</return_msg></xml>", "'FAIL'")]
    [TestCase("<xml><result_code>SUCCESS</result_code></xml>", "missing")]
    [TestCase("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><return_code>&x;</return_code></xml>", "DOCTYPE")]
    public void What_is_not_a_successful_notification_is_a_format_error(string xml, string reason)
        => Assert.That(Assert.Throws<ResponseFormatException>(() => Read(xml))!.Message, Does.Contain(reason));

    [Test]
    public void The_answers_are_APIv2_XML()
    {
        Assert.That(ApiV2NotificationReader.Success, Is.EqualTo("<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>"));
        Assert.That(ApiV2NotificationReader.Fail("busy"), Is.EqualTo("<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[busy]]></return_msg></xml>"));
    }

    [Test]
    public void A_client_reads_APIv2_notifications_with_its_APIv2_key_and_says_when_it_has_none()
    {
        var options = TestMerchant.ClientOptions();
        using var client = new WeChatPayClient(options);
        var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("out_trade_no", "1") };
        fields.Add(new("sign", ApiV2Signature.Sign(fields, TestMerchant.ApiV2Key)));

        Assert.That(client.NotificationsV2.Read(Encoding.UTF8.GetBytes(ApiV2Xml.Write(fields)))["out_trade_no"], Is.EqualTo("1"));

        options.ApiV2Key = null;
        using var without = new WeChatPayClient(options);
        Assert.That(() => without.NotificationsV2, Throws.TypeOf<ConfigurationException>().With.Message.Contains("ClientOptions.ApiV2Key"));
    }
}
