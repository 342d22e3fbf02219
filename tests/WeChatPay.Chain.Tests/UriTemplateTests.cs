using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Tests;

public class UriTemplateTests
{
    private static string Expand(string template, string value) => new UriTemplate(template).Expand(_ => value);

    [TestCase("a/b", "a%2Fb")]
    [TestCase("a?b=c", "a%3Fb%3Dc")]
    [TestCase("a#frag", "a%23frag")]
    [TestCase("100%", "100%25")]
    [TestCase("%2F", "%252F")]
    [TestCase("../../v2", "..%2F..%2Fv2")]
    [TestCase("a b", "a%20b")]
    [TestCase("a\r\nX-Injected: 1", "a%0D%0AX-Injected%3A%201")]
    [TestCase("订单", "%E8%AE%A2%E5%8D%95")]
    [TestCase("😀", "%F0%9F%98%80")]
    [TestCase("ABC-123_x.y~z", "ABC-123_x.y~z")]
    public void Placeholder_values_are_encoded_as_exactly_one_segment(string value, string encoded)
    {
        var path = Expand("v3/pay/transactions/out-trade-no/{out_trade_no}/close", value);
        Assert.That(path, Is.EqualTo($"v3/pay/transactions/out-trade-no/{encoded}/close"));
        Assert.That(path.Split('/'), Has.Length.EqualTo(6), "the path keeps its six segments");
        Assert.That(path, Does.Not.Contain("?").And.Not.Contain("#").And.Not.Contain(" "));
    }

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("")]
    public void Values_that_are_dot_segments_or_empty_are_refused(string value)
    {
        var e = Assert.Throws<RequestOptionsException>(() => Expand("v3/x/{id}/y", value));
        Assert.That(e!.Message, Does.Contain("{id}"));
    }

    [Test]
    public void A_missing_placeholder_value_is_an_error_that_names_it()
    {
        var e = Assert.Throws<RequestOptionsException>(() => new UriTemplate("v3/pay/transactions/id/{transaction_id}").Expand(_ => null));
        Assert.That(e!.Message, Does.Contain("{transaction_id}").And.Contain("transaction_id = "));
    }

    [Test]
    public void Literal_text_is_kept_verbatim_including_capitals()
        => Assert.That(new UriTemplate("v3/pay/transactions/out-trade-no/OrderABC_9").Expand(_ => null), Is.EqualTo("v3/pay/transactions/out-trade-no/OrderABC_9"));

    [Test]
    public void Literal_text_that_a_url_cannot_hold_is_percent_encoded_but_existing_escapes_stay()
        => Assert.That(new UriTemplate("v3/x/订单 1/%2F").Expand(_ => null), Is.EqualTo("v3/x/%E8%AE%A2%E5%8D%95%201/%2F"));

    [TestCase("v3/transferdownload/../pay/transactions/id/1")]
    [TestCase("v3/merchant-service/images/..")]
    [TestCase("v3/./x")]
    [TestCase("v3/billdownload/%2E%2e/x")]
    [TestCase("v3/x/{id")]
    [TestCase("v3/x/id}")]
    [TestCase("v3/x/{}")]
    [TestCase("v3/x?mchid=1")]
    [TestCase("v3/x#y")]
    public void Malformed_templates_are_refused(string template)
        => Assert.Throws<RequestOptionsException>(() => _ = new UriTemplate(template));

    [Test]
    public void Several_placeholders_are_filled_by_name()
        => Assert.That(new UriTemplate("v3/{a}/x/{b}").Expand(n => n == "a" ? "1" : "2"), Is.EqualTo("v3/1/x/2"));
}
