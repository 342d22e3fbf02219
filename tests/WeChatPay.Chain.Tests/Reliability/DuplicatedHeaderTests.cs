using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Each <c>Wechatpay-*</c> header sent twice — even with the same value — fails verification: a signed answer carries one.</summary>
public class DuplicatedHeaderTests
{
    [TestCase(WeChatPayHeaders.Timestamp)]
    [TestCase(WeChatPayHeaders.Nonce)]
    [TestCase(WeChatPayHeaders.Signature)]
    [TestCase(WeChatPayHeaders.Serial)]
    public async Task A_wechatpay_header_sent_twice_with_the_same_value_is_rejected(string header)
    {
        using var stub = new StubHandler
        {
            Respond = _ =>
            {
                var response = StubHandler.Signed(HttpStatusCode.OK, "{\"state\":\"CREATED\"}");
                var value = response.Headers.GetValues(header).Single();
                response.Headers.TryAddWithoutValidation(header, value);
                return response;
            },
        };
        using var client = new WeChatPayClient(Fixtures.Options(stub));

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(e.Message, Does.Contain(header).And.Contain("more than once"));
        Assert.That(e.Response, Is.Not.Null);
    }
}
