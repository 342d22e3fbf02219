using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class ResponseSizeTests : StubbedClientTest
{
    protected override void Configure(ClientOptions options) => options.MaxResponseBodyBytes = 1000;

    [Test]
    public void A_signed_body_over_the_cap_is_a_clear_error()
    {
        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"a\":\"" + new string('x', 2000) + "\"}");
        var e = Assert.Throws<ResponseFormatException>(() => Client.Send(HttpMethod.Get, "v3/x"))!;
        Assert.That(e.Message, Does.Contain("MaxResponseBodyBytes").And.Contain("1000"));
    }

    [Test]
    public async Task An_error_body_over_the_cap_is_a_clear_error()
    {
        Stub.Respond = _ => StubHandler.Plain(HttpStatusCode.BadGateway, new string('<', 5000), "text/html");
        await Assert.ThrowsAsync<ResponseFormatException>(() => Client.SendAsync(HttpMethod.Get, "v3/x"));
    }

    [Test]
    public void A_body_without_declared_length_is_cut_off_at_the_cap()
    {
        Stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(new byte[5000])) };
        Assert.Throws<ResponseFormatException>(() => Client.Send(HttpMethod.Get, "v3/x"));
    }

    [Test]
    public void A_body_at_the_cap_is_read()
    {
        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "\"" + new string('x', 998) + "\"");
        Assert.That(Client.Send(HttpMethod.Get, "v3/x").Body, Has.Length.EqualTo(1000));
    }
}
