using System.Net;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Testing;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Flurl;

/// <summary>
/// Every response and every exception of a call carries its <see cref="WeChatPayCall"/>: the request as sent, the bytes
/// its signature covers, the attempts, the response, whether it was verified, and the timings — and no secret.
/// </summary>
public class CallRecordTests : HttpTestFixture
{
    [Test]
    public async Task A_response_carries_the_request_as_sent_and_what_its_signature_covers([Values] bool sync)
    {
        Test.RespondWithWeChatPay(new { order_id = "1000000000201712050000" });
        var options = new { json = new { out_order_no = "T1" }, query = new { appid = "wx 1" } };

        var response = sync
            ? Client.Send(HttpMethod.Post, "v3/payscore/smartretail-orders", options)
            : await Client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", options);

        var call = response.Call!;
        Assert.Multiple(() =>
        {
            Assert.That(call.Method, Is.EqualTo("POST"));
            Assert.That(call.RequestTarget, Is.EqualTo("/v3/payscore/smartretail-orders?appid=wx%201"));
            Assert.That(call.RequestBody, Is.EqualTo("{\"out_order_no\":\"T1\"}"u8.ToArray()));
            Assert.That(call.RequestHeaders["Authorization"], Is.EqualTo(call.Authorization));
            Assert.That(call.RequestHeaders["Accept"], Is.EqualTo("application/json"));
            Assert.That(call.Response, Is.SameAs(response));
            Assert.That(call.Verification, Is.EqualTo(ResponseVerification.Verified));
            Assert.That(call.Attempts, Is.EqualTo(1));
            Assert.That(call.Duration, Is.Not.Null.And.GreaterThanOrEqualTo(TimeSpan.Zero));
            Assert.That(call.Succeeded, Is.True);
        });
        // The signed message, checked with this test's own reading of the protocol: it is the one signed, over the body sent.
        var parameters = call.Authorization!["WECHATPAY2-SHA256-RSA2048 ".Length..].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'));
        var expected = Encoding.UTF8.GetBytes($"POST\n/v3/payscore/smartretail-orders?appid=wx%201\n{parameters["timestamp"]}\n{parameters["nonce_str"]}\n{{\"out_order_no\":\"T1\"}}\n");
        Assert.That(call.SignedMessage, Is.EqualTo(expected));
        Assert.That(TestKeys.MerchantKey.VerifyData(call.SignedMessage, Convert.FromBase64String(parameters["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    [Test]
    public async Task Its_text_shows_neither_the_signature_nor_the_query()
    {
        Test.RespondWithWeChatPay(new { });

        var call = (await Client.SendAsync(HttpMethod.Get, "v3/billdownload/list", new { query = new { token = "SECRET-TOKEN" } })).Call!;

        Assert.That(call.ToString(), Does.Match(@"^GET /v3/billdownload/list -> HTTP 200, verified, 1 attempt, \d+ ms \(Request-ID 08\w+\)$"));
        Assert.That(call.ToString(), Does.Not.Contain("SECRET-TOKEN").And.Not.Contain(call.Authorization!.Split("signature=\"")[1][..20]));
    }

    [Test]
    public async Task Every_exception_of_a_call_carries_its_record()
    {
        Test.RespondWithWeChatPayError(404, "ORDER_NOT_EXIST", "订单不存在")
            .RespondWith("{\"forged\":true}")
            .SimulateException(new HttpRequestException("refused"));

        var api = await Assert.ThrowsAsync<ApiException>(() => Client.SendAsync(HttpMethod.Get, "v3/a"));
        var forged = await Assert.ThrowsAsync<ResponseVerificationException>(() => Client.SendAsync(HttpMethod.Get, "v3/b"));
        var transport = await Assert.ThrowsAsync<TransportException>(() => Client.SendAsync(HttpMethod.Get, "v3/c"));
        var options = await Assert.ThrowsAsync<RequestOptionsException>(() => Client.SendAsync(HttpMethod.Get, "v3/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(api!.Call!.Verification, Is.EqualTo(ResponseVerification.NotApplicable));
            Assert.That(api.Call.Response!.Status, Is.EqualTo(404));
            Assert.That(api.Call.Exception, Is.SameAs(api));
            Assert.That(forged!.Call!.Verification, Is.EqualTo(ResponseVerification.Failed));
            Assert.That(forged.Call.Response, Is.SameAs(forged.Response));
            Assert.That(transport!.Call!.Response, Is.Null);
            Assert.That(transport.Call.RequestTarget, Is.EqualTo("/v3/c"));
            Assert.That(options!.Call!.RequestUri, Is.Null, "refused before anything was sent");
            Assert.That(options.Call.Attempts, Is.Zero);
        });
    }

    [Test]
    public async Task A_repeated_call_counts_its_attempts_and_keeps_the_last_signature()
    {
        Test.RespondWithWeChatPayError(503, "SYSTEM_ERROR", "busy").RespondWithWeChatPay(new { });
        var options = TestMerchant.ClientOptions();
        options.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        using var client = new WeChatPayClient(options);

        var call = (await client.SendAsync(HttpMethod.Get, "v3/x")).Call!;

        Assert.That(call.Attempts, Is.EqualTo(2));
        Assert.That(call.Authorization, Is.EqualTo(Test.CallLog[^1].HttpRequestMessage.Headers.Authorization!.ToString()));
    }

    [Test]
    public void The_dynamic_root_gives_its_client_and_deeper_nodes_are_paths()
    {
        dynamic wx = Builder.Factory(TestMerchant.ClientOptions());
        WeChatPayClient client = wx.Client;

        Assert.That(client.MchId, Is.EqualTo(TestMerchant.MchId));
        Assert.That(((object)wx.V3.Client).ToString(), Is.EqualTo("v3/client"));
        client.Dispose();
    }
}
