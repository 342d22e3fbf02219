using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The words of the Protocol layer's refusals, each of which tells the caller what to fix; and which response paths are
/// unsigned, at the edges of their prefixes.
/// </summary>
public class ProtocolMessageTests
{
    [Test]
    public void A_pay_sign_field_that_is_empty_or_holds_a_line_break_is_named_with_what_to_do()
    {
        var empty = Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(TestKeys.MerchantKey, "", "wx201410272009395522657a690389285100"))!;
        Assert.That(empty.Message, Does.StartWith("appId is empty; the cashier needs it and the signature covers it."));
        var broken = Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(TestKeys.MerchantKey, "wx8888888888888888", "wx2014\n10272009"))!;
        Assert.That(broken.Message, Does.StartWith("prepayId holds a line break; it must be one line of the signed text."));
    }

    [Test]
    public void A_public_key_given_to_sign_a_payment_is_named_as_such()
    {
        var e = Assert.Throws<ArgumentException>(() => PaySign.ForJsapi(TestKeys.PlatformPublicKey, "wx8888888888888888", "wx201410272009395522657a690389285100"))!;
        Assert.That(e.Message, Does.StartWith("merchantPrivateKey cannot sign: it holds only a public key. Give the merchant private key (apiclient_key.pem)"));
    }

    [TestCase("v3/a/{b", 5)]
    [TestCase("v3/a/b}", -1)]
    [TestCase("v3/{a{b}", 3)]
    [TestCase("v3/{", 3)]
    [TestCase("{a}/{{b}", 4)]
    public void An_unbalanced_brace_is_named_with_its_position(string template, int position)
    {
        var e = Assert.Throws<RequestOptionsException>(() => _ = new UriTemplate(template))!;
        Assert.That(e.Message, position < 0
            ? Does.Contain("unbalanced brace")
            : Is.EqualTo($"The path '{template}' has an unbalanced brace at position {position}. Placeholders are written {{name}}."));
    }

    [Test]
    public void A_placeholder_without_a_name_is_named_as_such()
        => Assert.That(() => new UriTemplate("v3/{}/x"), Throws.TypeOf<RequestOptionsException>().With.Message.EqualTo("The path 'v3/{}/x' has an unnamed placeholder {}."));

    [Test]
    public void A_lone_surrogate_in_a_value_is_named_with_its_position()
        => Assert.That(() => PercentEncoding.EncodeComponent("ab\uD800c"), Throws.TypeOf<RequestOptionsException>().With.Message.EqualTo(
            "A path or query value has a lone UTF-16 surrogate at position 2; it cannot be sent as UTF-8 without changing it. Fix the string."));

    [TestCase("v3/transferdownload/signfile", "Unsigned")]
    [TestCase("v3/transferdownload/", "Body")]
    [TestCase("v3/transferdownload", "Body")]
    [TestCase("v3/merchant-service/images/abc", "Unsigned")]
    [TestCase("v3/merchant-service/images/", "Body")]
    [TestCase("v3/merchant-service/images/upload", "Body")]
    [TestCase("v3/merchant-service/images/a/b", "Body")]
    [TestCase("v3/pay/transactions/id/1", "Body")]
    public void Only_paths_below_an_unsigned_prefix_are_unsigned(string path, string content)
        => Assert.That(ResponseSignatureRules.For(path).ToString(), Is.EqualTo(content));

    private const string Parameters = "mchid=\"1900000001\",nonce_str=\"n\",timestamp=\"1700000000\",serial_no=\"S\",signature=\"c2ln\"";

    [Test]
    public void The_parameters_of_a_header_are_what_follows_its_scheme_and_a_space()
    {
        Assert.That(new AuthorizationHeader("1900000001", "n", "1700000000", "S", "c2ln").Parameters, Is.EqualTo(Parameters));
        Assert.That(new AuthorizationHeader("1900000001", "n", "1700000000", "S", "c2ln") { SignatureScheme = SignatureScheme.Sm2WithSm3 }.Parameters, Is.EqualTo(Parameters));
    }

    [TestCase("WECHATPAY2-SHA256-RSA2048x ")]
    [TestCase("WECHATPAY2-SHA256-RSA2048,")]
    [TestCase("WECHATPAY2-SM2-WITH-SM3x ")]
    public void A_scheme_not_followed_by_a_space_is_not_the_scheme(string prefix)
    {
        Assert.That(AuthorizationHeader.TryParse(prefix + Parameters, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("Authorization scheme must be WECHATPAY2-SHA256-RSA2048 or WECHATPAY2-SM2-WITH-SM3"));
    }

    [Test]
    public void A_trailing_comma_after_the_last_parameter_is_taken()
    {
        Assert.That(AuthorizationHeader.TryParse("WECHATPAY2-SHA256-RSA2048 " + Parameters + ",", out var header, out var error), Is.True, error);
        Assert.That(header!.Signature, Is.EqualTo("c2ln"));
    }

    [Test]
    public void An_unknown_parameter_is_named_up_to_32_characters_and_clipped_after()
    {
        var name32 = new string('x', 32);
        AuthorizationHeader.TryParse($"WECHATPAY2-SHA256-RSA2048 {name32}=\"1\"," + Parameters, out _, out var shown);
        Assert.That(shown, Is.EqualTo($"Authorization has an unknown parameter '{name32}'"));
        AuthorizationHeader.TryParse($"WECHATPAY2-SHA256-RSA2048 {name32}y=\"1\"," + Parameters, out _, out var clipped);
        Assert.That(clipped, Is.EqualTo($"Authorization has an unknown parameter '{name32}…'"));
    }
}
