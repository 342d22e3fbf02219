using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// APIv2's pay-sign for the JSAPI and APP cashiers, against signs computed with Python <c>hashlib</c>/<c>hmac</c> over
/// WeChat Pay's documented example values (sorted fields, <c>&amp;key=</c>, upper-case hex).
/// </summary>
public class ApiV2PaySignTests
{
    private const string Key = "192006250b4c09247ec02edce69f6a2d";
    private static readonly FixedClock At1395712654 = new(DateTimeOffset.FromUnixTimeSeconds(1395712654));

    [Test]
    public void The_JSAPI_pay_sign_is_MD5_by_default()
    {
        var p = PaySign.ForJsapiV2(Key, "wx2421b1c4370ec43b", "u802345jgfjsdfgsdg888", time: At1395712654, nonce: "e61463f8efa94090b1f366cccfbbb444");

        Assert.That((p.TimeStamp, p.Package, p.SignType, p.PaySign), Is.EqualTo(("1395712654", "prepay_id=u802345jgfjsdfgsdg888", "MD5", "0784A14C2CD35747364F62512E724FD8")));
    }

    [Test]
    public void The_JSAPI_pay_sign_in_HMAC_SHA256_names_its_type_and_signs_it()
    {
        var p = PaySign.ForJsapiV2(Key, "wx2421b1c4370ec43b", "u802345jgfjsdfgsdg888", ApiV2SignType.HmacSha256, At1395712654, "e61463f8efa94090b1f366cccfbbb444");

        Assert.That((p.SignType, p.PaySign), Is.EqualTo(("HMAC-SHA256", "09064E137ACF9AEAA1B73E43E70968EC55B3952D4BC0A6FCEBB6F86FB2912319")));
    }

    [Test]
    public void The_APP_sign_covers_the_six_fields_of_PayReq()
    {
        var p = PaySign.ForAppV2(Key, "wxd930ea5d5a258f4f", "1900000109", "WX1217752501201407033233368018", time: new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1412000000)), nonce: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS");

        Assert.That((p.Package, p.Sign), Is.EqualTo(("Sign=WXPay", "839926B9D3F85F49E26B271C4DD2C44E")));
    }

    [Test]
    public void A_prefixed_prepay_id_and_a_bad_key_are_refused()
    {
        Assert.That(() => PaySign.ForJsapiV2(Key, "wx1", "prepay_id=wx2"), Throws.ArgumentException);
        Assert.That(() => PaySign.ForJsapiV2("short", "wx1", "wx2"), Throws.TypeOf<ConfigurationException>());
    }
}
