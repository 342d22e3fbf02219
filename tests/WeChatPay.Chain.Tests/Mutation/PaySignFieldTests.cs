using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// Every value <see cref="PaySign"/> signs is one line of the signed text, in all four forms: an empty value, a prefixed
/// prepay id, or a line break anywhere in a value (first character included) is refused, naming the parameter.
/// </summary>
public class PaySignFieldTests
{
    private const string AppId = "wxd678efh567hg6787";
    private const string PrepayId = "wx201410272009395522657a690389285100";
    private const string Nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
    private const string ApiV2Key = "0123456789abcdefghijklmnopqrstuv";
    private static readonly FixedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(1700000000));

    private static readonly Dictionary<string, Action<string, string, string, string>> Forms = new()
    {
        ["ForJsapi"] = (appId, _, prepayId, nonce) => PaySign.ForJsapi(Fixtures.MerchantKey.Value, appId, prepayId, Clock, nonce),
        ["ForApp"] = (appId, partnerId, prepayId, nonce) => PaySign.ForApp(Fixtures.MerchantKey.Value, appId, partnerId, prepayId, Clock, nonce),
        ["ForJsapiV2"] = (appId, _, prepayId, nonce) => PaySign.ForJsapiV2(ApiV2Key, appId, prepayId, ApiV2SignType.Md5, Clock, nonce),
        ["ForAppV2"] = (appId, partnerId, prepayId, nonce) => PaySign.ForAppV2(ApiV2Key, appId, partnerId, prepayId, ApiV2SignType.Md5, Clock, nonce),
    };

    private static IEnumerable<string> FormNames => Forms.Keys;

    private static string ParameterRefused(string form, string appId = AppId, string partnerId = Fixtures.MchId, string prepayId = PrepayId, string nonce = Nonce)
        => Assert.Throws<ArgumentException>(() => Forms[form](appId, partnerId, prepayId, nonce))!.ParamName!;

    [TestCaseSource(nameof(FormNames))]
    public void Well_formed_values_are_signed(string form)
        => Assert.DoesNotThrow(() => Forms[form](AppId, Fixtures.MchId, PrepayId, Nonce));

    [TestCaseSource(nameof(FormNames))]
    public void An_empty_app_id_is_refused(string form)
        => Assert.That(ParameterRefused(form, appId: ""), Is.EqualTo("appId"));

    [TestCaseSource(nameof(FormNames))]
    public void An_empty_prepay_id_is_refused(string form)
        => Assert.That(ParameterRefused(form, prepayId: ""), Is.EqualTo("prepayId"));

    [TestCaseSource(nameof(FormNames))]
    public void A_prepay_id_with_the_package_prefix_is_refused(string form)
        => Assert.That(ParameterRefused(form, prepayId: PaySign.PrepayIdPackagePrefix + PrepayId), Is.EqualTo("prepayId"));

    [TestCaseSource(nameof(FormNames))]
    public void An_empty_nonce_is_refused(string form)
        => Assert.That(ParameterRefused(form, nonce: ""), Is.EqualTo("nonce"));

    [TestCase("\n")]
    [TestCase("\r")]
    public void A_value_that_starts_with_a_line_break_is_refused(string lineBreak)
    {
        foreach (var form in FormNames)
        {
            Assert.Multiple(() =>
            {
                Assert.That(ParameterRefused(form, appId: lineBreak + AppId), Is.EqualTo("appId"), form);
                Assert.That(ParameterRefused(form, prepayId: lineBreak + PrepayId), Is.EqualTo("prepayId"), form);
                Assert.That(ParameterRefused(form, nonce: lineBreak + Nonce), Is.EqualTo("nonce"), form);
            });
        }
        Assert.That(ParameterRefused("ForApp", partnerId: lineBreak + Fixtures.MchId), Is.EqualTo("partnerId"));
        Assert.That(ParameterRefused("ForAppV2", partnerId: lineBreak + Fixtures.MchId), Is.EqualTo("partnerId"));
    }

    [Test]
    public void A_value_that_ends_with_a_line_break_is_refused()
    {
        Assert.That(ParameterRefused("ForApp", appId: AppId + "\n"), Is.EqualTo("appId"));
        Assert.That(ParameterRefused("ForApp", partnerId: Fixtures.MchId + "\r"), Is.EqualTo("partnerId"));
    }

    [Test]
    public void The_app_form_names_the_prefix_it_refuses()
    {
        var e = Assert.Throws<ArgumentException>(() => PaySign.ForApp(Fixtures.MerchantKey.Value, AppId, Fixtures.MchId, "prepay_id=" + PrepayId, Clock, Nonce));
        Assert.That(e!.Message, Does.Contain("without 'prepay_id='"));
    }

    [Test]
    public void A_null_key_is_refused_by_name()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => PaySign.ForApp(null!, AppId, Fixtures.MchId, PrepayId, Clock, Nonce))!.ParamName, Is.EqualTo("merchantPrivateKey"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PaySign.ForJsapi(null!, AppId, PrepayId, Clock, Nonce))!.ParamName, Is.EqualTo("merchantPrivateKey"));
    }
}
