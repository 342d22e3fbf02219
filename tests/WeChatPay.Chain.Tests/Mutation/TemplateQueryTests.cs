using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// A <c>?</c> or <c>#</c> in a path template is refused, not encoded, wherever it stands — right after a placeholder
/// included: the query belongs in the query option, and a value can never reach past its segment.
/// </summary>
public class TemplateQueryTests
{
    [TestCase("v3/x/{id}?mchid=1")]
    [TestCase("v3/x/{id}#y")]
    [TestCase("v3/x/{id}?")]
    [TestCase("v3/x/{id}#")]
    [TestCase("v3/{a}/{b}?mchid=1")]
    [TestCase("?v3")]
    [TestCase("#v3")]
    public void A_question_mark_or_hash_right_after_a_placeholder_is_refused_not_encoded(string template)
    {
        var e = Assert.Throws<RequestOptionsException>(() => _ = new UriTemplate(template));
        Assert.That(e!.Message, Does.Contain("contains '?' or '#'"));
    }

    [Test]
    public async Task A_chained_path_with_a_query_after_a_placeholder_is_refused_before_anything_is_sent()
    {
        using var stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{}") };
        dynamic wx = Builder.Factory(Fixtures.Options(stub));
        var e = await Assert.ThrowsAsync<RequestOptionsException>(async () => await wx["v3/pay/transactions/id/{transaction_id}?mchid=1"].GetAsync(new { transaction_id = "4200" }));
        Assert.That(e!.Message, Does.Contain("query option"));
        Assert.That(stub.Seen, Is.Empty);
    }

    [Test]
    public void A_question_mark_or_hash_in_a_placeholder_value_is_encoded_within_its_segment()
        => Assert.That(new UriTemplate("v3/x/{id}/y").Expand(_ => "a?b#c"), Is.EqualTo("v3/x/a%3Fb%23c/y"));
}
