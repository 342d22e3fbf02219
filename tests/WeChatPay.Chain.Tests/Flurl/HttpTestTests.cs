using System.Net;
using System.Security.Cryptography;
using System.Text;
using Flurl.Http.Testing;
using WeChatPay.Chain.Testing;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Flurl;

/// <summary>
/// Flurl's <c>HttpTest</c> intercepts the client's calls, and a fake is verified like an answer from the wire: one
/// signed by a key the client trusts is taken, one unsigned or signed by any other key is refused. Sync and async alike.
/// </summary>
public class HttpTestTests : HttpTestFixture
{
    private Task<WeChatPayResponse> Get(bool sync, string path = "v3/payscore/smartretail-orders")
        => sync ? Task.FromResult(Client.Send(HttpMethod.Get, path)) : Client.SendAsync(HttpMethod.Get, path);

    [Test]
    public async Task A_fake_signed_by_the_trusted_platform_key_is_taken([Values] bool sync)
    {
        Test.RespondWithWeChatPay(new { order_id = "1000000000201712050000", state = "CREATED" });

        var response = await Get(sync);

        Assert.That((string?)response.Json["state"], Is.EqualTo("CREATED"));
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
        Assert.That(Test.CallLog, Has.Count.EqualTo(1), "answered by the fake, never the transport (which refuses every request)");
    }

    [Test]
    public async Task An_unsigned_fake_is_refused_as_on_the_wire([Values] bool sync)
    {
        Test.RespondWith("{\"state\":\"CREATED\"}");

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => Get(sync)))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(e.Response!.Text, Is.EqualTo("{\"state\":\"CREATED\"}"), "the refused answer is kept for diagnosis");
    }

    [Test]
    public async Task An_empty_fake_is_refused([Values] bool sync)
    {
        // An HttpTest with nothing queued answers 200 with no body and no signature.
        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Get(sync)))!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
    }

    [Test]
    public async Task A_fake_signed_by_another_key_is_refused([Values] bool sync)
    {
        var body = Encoding.UTF8.GetBytes("{\"state\":\"CREATED\"}");
        var headers = TestPlatform.SignatureHeaders(body).ToDictionary(h => h.Key, h => (object)h.Value);
        using var impostor = RSA.Create(2048);
        headers[WeChatPayHeaders.Signature] = Rsa.Sign(impostor, SignatureMessage.ForResponse((string)headers[WeChatPayHeaders.Timestamp], (string)headers[WeChatPayHeaders.Nonce], body));
        Test.RespondWith(() => new ByteArrayContent(body), 200, headers, replaceUnderscoreWithHyphen: false);

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Get(sync)))!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public async Task A_fake_naming_a_key_the_client_does_not_hold_is_refused([Values] bool sync)
    {
        Test.RespondWithWeChatPay(new { state = "CREATED" }, keyId: "PUB_KEY_ID_0119000000012099000000000000");

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Get(sync)))!.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
    }

    [Test]
    public async Task A_fake_signed_too_long_ago_is_refused([Values] bool sync)
    {
        Test.RespondWithWeChatPay(new { state = "CREATED" }, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Get(sync)))!.Reason, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
    }

    [Test]
    public async Task Requests_are_signed_under_HttpTest_and_the_kit_verifies_them_over_the_recorded_bytes([Values] bool sync)
    {
        Test.RespondWithWeChatPay(new { order_id = "1000000000201712050000" });
        var options = new { json = new { appid = "wxd678efh567hg6787", out_order_no = "1234323JKHDFE1243252", service_id = "500001" } };
        dynamic wx = Client.Root;

        if (sync) wx.V3.Payscore.SmartretailOrders.Post(options);
        else await wx.V3.Payscore.SmartretailOrders.PostAsync(options);

        Test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").WithVerb(HttpMethod.Post)
            .WithHeader("Authorization", "WECHATPAY2-SHA256-RSA2048*")
            .WithRequestJson(options.json)
            .WithWeChatPaySignature();
        Assert.That(HandSigned(Test.CallLog.Single()), Is.True, "the recorded request verifies by a reading of the protocol of this test's own");
    }

    [Test]
    public async Task The_signature_assertion_fails_for_a_request_signed_by_another_merchant()
    {
        Test.RespondWithWeChatPay(new { });
        var options = TestMerchant.ClientOptions();
        using var other = RSA.Create(2048);
        options.PrivateKey = other;
        using var client = new WeChatPayClient(options);

        await client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { a = 1 } });

        Assert.Throws<HttpTestException>(() => Test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").WithWeChatPaySignature());
        Test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").WithWeChatPaySignature(other);
    }

    [Test]
    public async Task The_request_target_recorded_is_the_one_signed_even_with_escapes_a_uri_would_decode()
    {
        Test.RespondWithWeChatPay(new { });

        await Client.SendAsync(HttpMethod.Get, "v3/x/%41b/y%7e", new { query = new { q = "a b" } });

        var recorded = Test.CallLog.Single().HttpRequestMessage;
        Assert.That(recorded.RequestUri!.PathAndQuery, Is.EqualTo("/v3/x/%41b/y%7e?q=a%20b"));
        Test.ShouldHaveCalled("*/v3/x/*").WithWeChatPaySignature();
    }

    [Test]
    public async Task A_media_upload_is_signed_over_its_meta_and_the_kit_checks_that()
    {
        Test.RespondWithWeChatPay(new { media_id = "H1ihR9JfQ" });

        await Client.SendAsync(HttpMethod.Post, "v3/merchant/media/upload", new { media = MediaFile.FromBytes([1, 2, 3], "logo.png") });

        Test.ShouldHaveCalled("*/v3/merchant/media/upload").WithHeader("Content-Type", "multipart/form-data*").WithWeChatPaySignature();
    }

    [Test]
    public async Task Each_attempt_of_a_repeated_call_is_a_fake_answered_call_signed_anew()
    {
        Test.RespondWithWeChatPayError(503, "SYSTEM_ERROR", "busy").RespondWithWeChatPay(new { state = "CREATED" });
        var options = TestMerchant.ClientOptions();
        options.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        using var client = new WeChatPayClient(options);

        var response = await client.SendAsync(HttpMethod.Get, "v3/payscore/smartretail-orders");

        Assert.That(response.Call!.Attempts, Is.EqualTo(2));
        Assert.That(Test.CallLog.Select(call => call.HttpRequestMessage.Headers.Authorization!.ToString()).Distinct().Count(), Is.EqualTo(2));
        Test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").WithWeChatPaySignature().Times(2);
    }

    [Test]
    public async Task A_signed_error_fake_is_an_api_exception_with_code_message_detail_and_request_id([Values] bool sync)
    {
        Test.RespondWithWeChatPayError(404, "ORDER_NOT_EXIST", "订单不存在", new { field = "out_order_no" });

        var e = (await Assert.ThrowsAsync<ApiException>(() => Get(sync)))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(e.Code, Is.EqualTo("ORDER_NOT_EXIST"));
        Assert.That(e.ErrorMessage, Is.EqualTo("订单不存在"));
        Assert.That((string?)e.Detail!["field"], Is.EqualTo("out_order_no"));
        Assert.That(e.RequestId, Does.StartWith("08"));
        Assert.That(e.Call!.Verification, Is.EqualTo(ResponseVerification.NotApplicable));
    }

    [Test]
    public async Task Flurl_timeouts_and_failures_arrive_as_the_librarys_exceptions([Values] bool sync)
    {
        Test.SimulateTimeout();
        var timeout = (await Assert.ThrowsAsync<TransportException>(() => Get(sync)))!;
        Assert.That(timeout.IsTimeout, Is.True);
        Assert.That(timeout.Message, Does.Contain("timed out"));

        Test.SimulateException(new HttpRequestException("connection refused"));
        var failure = (await Assert.ThrowsAsync<TransportException>(() => Get(sync)))!;
        Assert.That(failure.IsTimeout, Is.False);
        Assert.That(failure.Message, Does.Contain("connection refused"));
        Assert.That(failure.Call!.RequestTarget, Is.EqualTo("/v3/payscore/smartretail-orders"));
    }

    [Test]
    public async Task Without_an_HttpTest_the_test_merchants_client_sends_nothing_and_says_so([Values] bool sync)
    {
        Test.Dispose();

        var e = (await Assert.ThrowsAsync<TransportException>(() => Get(sync)))!;

        Assert.That(e.Message, Does.Contain("would have left the test").And.Contain("HttpTest"));
    }

    /// <summary>Checks the recorded request's signature as WeChat Pay would, with this test's own reading of the protocol.</summary>
    private static bool HandSigned(global::Flurl.Http.FlurlCall call)
    {
        var request = call.HttpRequestMessage;
        var parameters = request.Headers.Authorization!.Parameter!.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim('"'));
        var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        var message = Encoding.UTF8.GetBytes($"{request.Method}\n{request.RequestUri!.PathAndQuery}\n{parameters["timestamp"]}\n{parameters["nonce_str"]}\n").Concat(body).Append((byte)'\n').ToArray();
        return TestKeys.MerchantKey.VerifyData(message, Convert.FromBase64String(parameters["signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
