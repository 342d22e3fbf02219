using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>Placeholder values of any length and content stay one segment on the wire; what a server refuses comes back typed.</summary>
public class PlaceholderValueTests
{
    [Test]
    public void A_very_long_value_with_delimiters_is_sent_whole_as_one_segment()
    {
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        var value = string.Concat(Enumerable.Repeat("a/../?#%\r\n订", 20_000));

        client.Send(HttpMethod.Post, "v3/payscore/smartretail-orders/{out_order_no}/cancel", new { out_order_no = value, json = new { reason = "x" } });

        var segments = stub.Last.Target.Split('/');
        Assert.That(segments, Has.Length.EqualTo(6));
        Assert.That(Uri.UnescapeDataString(segments[4]), Is.EqualTo(value));
    }

    [Test]
    public async Task A_value_longer_than_the_server_takes_comes_back_as_an_api_exception()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = new WeChatPayClient(Fixtures.OverHttp(server.BaseUri));

        var e = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/pay/transactions/out-trade-no/{out_trade_no}", new { out_trade_no = new string('9', 20_000) })))!;

        Assert.That(e.Response.Status, Is.EqualTo(414), "Kestrel's request-line limit");
        Assert.That(e.Code, Is.Null);
        Assert.That(e.Message, Does.Contain("HTTP 414"));
    }

    [Test]
    public void A_value_with_a_lone_surrogate_is_refused_rather_than_altered()
    {
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));

        Assert.Throws<RequestOptionsException>(() => client.Send(HttpMethod.Get, "v3/x/{id}", new { id = "NO\uD800" }));
        Assert.Throws<RequestOptionsException>(() => client.Send(HttpMethod.Get, "v3/x", new { query = new { q = "\uDC00" } }));
        Assert.That(stub.Seen, Is.Empty);
    }
}
