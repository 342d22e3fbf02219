using System.Net;
using Microsoft.CSharp.RuntimeBinder;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A response read through <c>dynamic</c> with the names ported code brings: axios' <c>res.data</c>/<c>res.status</c>,
/// Guzzle's <c>getStatusCode()</c>/<c>getBody()</c>/<c>getHeaderLine()</c>, and lower-case members; anything else fails
/// with the members to use.
/// </summary>
public class PorterResponseNamesTests : StubbedClientTest
{
    private async Task<dynamic> CallAsync()
    {
        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"order_id\":\"1000000000201912301\",\"state\":\"CREATED\"}");
        dynamic wx = Client.Root;
        return await wx.v3.payscore.smartretailOrders.getAsync();
    }

    [Test]
    public async Task Axios_names_read_the_body_status_and_headers()
    {
        var res = await CallAsync();

        Assert.Multiple(() =>
        {
            Assert.That((string)res.data.order_id, Is.EqualTo("1000000000201912301"));
            Assert.That((int)res.status, Is.EqualTo(200));
            Assert.That((string)res.headers["Wechatpay-Serial"], Is.EqualTo(Fixtures.PlatformSerial));
        });
    }

    [Test]
    public async Task Guzzle_methods_read_the_status_body_and_a_header_line()
    {
        var response = await CallAsync();

        Assert.Multiple(() =>
        {
            Assert.That((int)response.getStatusCode(), Is.EqualTo(200));
            Assert.That((string)response.getBody(), Is.EqualTo("{\"order_id\":\"1000000000201912301\",\"state\":\"CREATED\"}"));
            Assert.That((string)response.getHeaderLine("Wechatpay-Serial"), Is.EqualTo(Fixtures.PlatformSerial));
            Assert.That((string)response.getHeaderLine("X-Not-There"), Is.Empty, "as Guzzle gives it");
            Assert.That((bool)response.hasHeader("Wechatpay-Nonce"), Is.True);
            Assert.That(((IReadOnlyDictionary<string, string>)response.getHeaders()).ContainsKey("Wechatpay-Timestamp"), Is.True);
        });
    }

    [Test]
    public async Task Lower_case_members_work_as_on_the_chain_and_the_own_members_stay_first()
    {
        var r = await CallAsync();

        Assert.Multiple(() =>
        {
            Assert.That((string)r.json.state, Is.EqualTo("CREATED"));
            Assert.That((string)r.text, Does.Contain("CREATED"));
            Assert.That(((byte[])r.body).Length, Is.GreaterThan(0));
            Assert.That((string)r.Json.state, Is.EqualTo("CREATED"));
            Assert.That((HttpStatusCode)r.StatusCode, Is.EqualTo(HttpStatusCode.OK), "StatusCode is still the HttpStatusCode");
            Assert.That((int)r.statusCode, Is.EqualTo(200));
        });
    }

    [TestCase("result")]
    [TestCase("Data")]
    public async Task An_unknown_name_names_the_members_to_use(string name)
    {
        object response = await CallAsync();

        var e = Assert.Throws<RuntimeBinderException>(() => Read(response, name))!;

        Assert.That(e.Message, Does.StartWith($"A WeChatPayResponse has no '{name}'. Use Json (the JSON body"));
        Assert.That(e.Message, Does.Contain("Status (r.status, r.getStatusCode())"));
    }

    [Test]
    public async Task An_unknown_method_names_the_members_to_use()
    {
        var response = await CallAsync();

        var e = Assert.Throws<RuntimeBinderException>(() => response.getReasonPhrase())!;

        Assert.That(e.Message, Does.StartWith("A WeChatPayResponse has no 'getReasonPhrase()'"));
    }

    private static object? Read(dynamic response, string name) => name switch
    {
        "result" => response.result,
        _ => response.Data,
    };
}
