using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Header names and values that could split or smuggle headers are refused before anything is sent.</summary>
public class HeaderInjectionTests
{
    [TestCase("X-A", "1\nX-B: 2", "line break or NUL")]
    [TestCase("X-A", "1\rX-B: 2", "line break or NUL")]
    [TestCase("X-A", "1\0", "line break or NUL")]
    [TestCase("X-A\r\nX-B", "1", "invalid header name")]
    [TestCase("X-A:", "1", "invalid header name")]
    [TestCase("", "1", "invalid header name")]
    [TestCase("X-订单", "1", "invalid header name")]
    [TestCase("X-A", "订单", "non-ASCII or control character")]
    [TestCase("X-A", "a\u0001b", "non-ASCII or control character")]
    [TestCase("authorization", "WECHATPAY2-SHA256-RSA2048 mchid=\"1\"", "Authorization")]
    public void Header_names_and_values_that_could_inject_are_refused_before_sending(string name, string value, string message)
    {
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));

        var e = Assert.Throws<RequestOptionsException>(() => client.Send(HttpMethod.Post, "v3/x", new { json = new { a = 1 }, headers = new Dictionary<string, string> { [name] = value } }))!;

        Assert.That(e.Message, Does.Contain(message));
        Assert.That(stub.Seen, Is.Empty);
    }

    [Test]
    public void Placeholder_values_with_line_breaks_never_reach_a_header_or_the_request_line_raw()
    {
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));

        client.Send(HttpMethod.Get, "v3/x/{id}", new { id = "1 HTTP/1.1\r\nHost: evil\r\n\r\n", query = new { q = "\r\nX-Injected: 1" } });

        Assert.That(stub.Last.Target, Is.EqualTo("/v3/x/1%20HTTP%2F1.1%0D%0AHost%3A%20evil%0D%0A%0D%0A?q=%0D%0AX-Injected%3A%201"));
        Assert.That(stub.Last.Headers.Keys, Has.None.EqualTo("X-Injected"));
    }
}
