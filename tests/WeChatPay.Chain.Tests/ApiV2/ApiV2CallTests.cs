using System.Text;
using Flurl.Http.Testing;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Testing;
using WeChatPay.Chain.Tests.Flurl;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// APIv2 through the same chain and the same Flurl call path: a <c>v2/</c> path goes to APIv2 without the prefix, signed
/// in its XML body with the APIv2 key; its answer is read as APIv2 XML and its sign checked. Under <c>HttpTest</c>, sync
/// and async alike.
/// </summary>
public class ApiV2CallTests : HttpTestFixture
{
    private static readonly object Micropay = new { xml = new { appid = "wxd678efh567hg6787", mch_id = TestMerchant.MchId, body = "image", out_trade_no = "1217752501201407033233368018", total_fee = 1, spbill_create_ip = "8.8.8.8", auth_code = "120061098828009406" } };

    private Task<WeChatPayResponse> Post(bool sync, string path = "v2/pay/micropay", object? options = null)
        => sync ? Task.FromResult(Client.Send(HttpMethod.Post, path, options ?? Micropay)) : Client.SendAsync(HttpMethod.Post, path, options ?? Micropay);

    /// <summary>The exception the call throws, waited for.</summary>
    private static T Thrown<T>(Func<Task> call) where T : Exception => Assert.ThrowsAsync<T>(call).GetAwaiter().GetResult()!;

    private ApiV2Fields SentFields() => ApiV2Xml.Read(Encoding.UTF8.GetBytes(Test.CallLog.Single().RequestBody), "the request");

    [Test]
    public async Task A_v2_path_goes_to_APIv2_without_its_prefix_signed_in_its_body([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS", transaction_id = "4200000001" });

        await Post(sync);

        var call = Test.CallLog.Single();
        Assert.That(call.Request.Url.ToString(), Is.EqualTo(ClientOptions.DefaultBaseUri + "pay/micropay"));
        Assert.That(call.Request.Headers.Contains("Authorization"), Is.False, "APIv2 is signed in its body, not with the APIv3 header");
        Assert.That(call.HttpRequestMessage.Content!.Headers.ContentType!.ToString(), Is.EqualTo("text/xml; charset=utf-8"));
        var sent = SentFields();
        Assert.That(sent["nonce_str"], Does.Match("^[0-9A-Za-z]{32}$"));
        Assert.That(sent["sign"], Does.Match("^[0-9A-F]{32}$"), "MD5 unless sign_type says otherwise");
        Assert.That(ApiV2Signature.IsValid(sent, TestMerchant.ApiV2Key), Is.True);
        Assert.That(sent["total_fee"], Is.EqualTo("1"));
    }

    [Test]
    public async Task The_chain_and_the_indexer_reach_the_same_APIv2_endpoint()
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS" }).RespondWithWeChatPayV2(new { result_code = "SUCCESS" });
        dynamic wx = Client.Root;

        await wx.V2.Pay.Micropay.PostAsync(Micropay);
        wx["v2/pay/micropay"].Post(Micropay);

        Assert.That(Test.CallLog.Select(c => c.Request.Url.Path), Is.All.EqualTo("/pay/micropay"));
    }

    [Test]
    public async Task HMAC_SHA256_is_used_when_sign_type_asks_for_it([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS" }, ApiV2SignType.HmacSha256);

        var response = await Post(sync, options: new { xml = new { mch_id = TestMerchant.MchId, out_trade_no = "1", sign_type = "HMAC-SHA256" } });

        Assert.That(SentFields()["sign"], Does.Match("^[0-9A-F]{64}$"));
        Assert.That(ApiV2Signature.IsValid(SentFields(), TestMerchant.ApiV2Key), Is.True);
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
    }

    [Test]
    public async Task Nonceless_sends_no_nonce_and_a_given_nonce_is_kept()
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS" }).RespondWithWeChatPayV2(new { result_code = "SUCCESS" });

        await Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", new { xml = new { mch_id = TestMerchant.MchId, out_trade_no = "1" }, nonceless = true });
        await Client.SendAsync(HttpMethod.Post, "v2/pay/orderquery", new { xml = new { mch_id = TestMerchant.MchId, out_trade_no = "1", nonce_str = "given" } });

        var bodies = Test.CallLog.Select(c => ApiV2Xml.Read(Encoding.UTF8.GetBytes(c.RequestBody))).ToList();
        Assert.That(bodies[0].ContainsKey("nonce_str"), Is.False);
        Assert.That(bodies[1]["nonce_str"], Is.EqualTo("given"));
    }

    [Test]
    public async Task A_verified_answer_reads_by_index_by_dynamic_member_and_as_a_type([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS", transaction_id = "4200000001", total_fee = "1" });

        var response = await Post(sync);
        dynamic fields = response.Xml;

        Assert.That(response.Xml["transaction_id"], Is.EqualTo("4200000001"));
        Assert.That((string)fields.result_code, Is.EqualTo("SUCCESS"));
        Assert.That((object?)fields.absent, Is.Null);
        Assert.That(response.ToObject<MicropayResult>()!.total_fee, Is.EqualTo(1));
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
        Assert.That(Assert.Throws<KeyNotFoundException>(() => _ = response.Xml["absent"]).Message, Does.Contain("no field 'absent'"));
    }

    private sealed record MicropayResult(string transaction_id, int total_fee);

    [Test]
    public async Task A_wrong_sign_is_a_verification_failure_never_a_success([Values] bool sync)
    {
        var body = ApiV2Xml.Write([new("return_code", "SUCCESS"), new("result_code", "SUCCESS"), new("sign", "9A0A8659F005D6984697E2CA0A9CF3B7")]);
        Test.RespondWith(body);

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => Post(sync)))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Message, Does.Not.Contain(TestMerchant.ApiV2Key));
    }

    [Test]
    public async Task A_SUCCESS_answer_without_sign_is_a_verification_failure([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS" }, signed: false);

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Post(sync)))!.Reason, Is.EqualTo(VerificationFailure.MissingSign));
    }

    [Test]
    public async Task A_sign_made_with_another_key_is_refused()
    {
        var fields = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS"), new("result_code", "SUCCESS") };
        fields.Add(new("sign", ApiV2Signature.Sign(fields, "AnotherMerchantKey0123456789ABCD")));
        Test.RespondWith(ApiV2Xml.Write(fields));

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Post(false)))!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public async Task Return_code_FAIL_is_an_APIv2_error_with_return_msg([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { return_code = "FAIL", return_msg = "签名错误" }, signed: false);

        var e = (await Assert.ThrowsAsync<ApiV2Exception>(() => Post(sync)))!;

        Assert.That(e.ReturnCode, Is.EqualTo("FAIL"));
        Assert.That(e.ReturnMessage, Is.EqualTo("签名错误"));
        Assert.That(e.Message, Does.Contain("POST /pay/micropay failed: return_code FAIL: 签名错误"));
        Assert.That(e, Is.InstanceOf<ApiException>(), "caught where APIv3 errors are");
    }

    [Test]
    public async Task Result_code_FAIL_is_verified_first_and_USERPAYING_can_be_told_apart([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "FAIL", err_code = "USERPAYING", err_code_des = "需要用户输入支付密码" });

        var e = (await Assert.ThrowsAsync<ApiV2Exception>(() => Post(sync)))!;

        Assert.That(e.IsUserPaying, Is.True);
        Assert.That((e.ErrCode, e.Code, e.ErrorMessage), Is.EqualTo(("USERPAYING", "USERPAYING", "需要用户输入支付密码")));
        Assert.That(e.Response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
    }

    [Test]
    public async Task A_FAIL_with_a_forged_sign_is_a_verification_failure_not_an_error_to_act_on()
    {
        Test.RespondWith(ApiV2Xml.Write([new("return_code", "SUCCESS"), new("result_code", "FAIL"), new("err_code", "ORDERPAID"), new("sign", "00000000000000000000000000000000")]));

        Assert.That(async () => await Post(false), Throws.TypeOf<ResponseVerificationException>());
    }

    [Test]
    public async Task An_endpoint_WeChat_Pay_answers_unsigned_is_taken_unsigned_and_still_reports_failures()
    {
        var redpack = new { xml = new { mch_id = TestMerchant.MchId, mch_billno = "1", wxappid = "wx1", re_openid = "o1", total_amount = 100 }, security = true };
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS", send_listid = "1000041701" }, signed: false)
            .RespondWithWeChatPayV2(new { result_code = "FAIL", err_code = "NOTENOUGH" }, signed: false);
        using var client = new WeChatPayClient(WithCertificate());

        var response = await client.SendAsync(HttpMethod.Post, "v2/mmpaymkttransfers/sendredpack", redpack);
        var e = Thrown<ApiV2Exception>(() => client.SendAsync(HttpMethod.Post, "v2/mmpaymkttransfers/sendredpack", redpack))!;

        Assert.That(response.Xml["send_listid"], Is.EqualTo("1000041701"));
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Unsigned));
        Assert.That(e.ErrCode, Is.EqualTo("NOTENOUGH"));
    }

    [Test]
    public async Task A_bill_answer_is_the_file_as_it_came([Values] bool sync)
    {
        const string bill = "交易时间,公众账号ID,商户号\n`2026-12-07 10:00:00,`wx1,`1900000001\n";
        Test.RespondWith(bill);

        var response = await Post(sync, "v2/pay/downloadbill", new { xml = new { appid = "wx1", mch_id = TestMerchant.MchId, bill_date = "20261206", bill_type = "ALL" } });

        Assert.That(response.Text, Is.EqualTo(bill));
        Assert.That(() => response.Xml, Throws.TypeOf<ResponseFormatException>().With.Message.Contains("not an APIv2 XML message"));
    }

    [Test]
    public void A_bill_request_that_fails_says_why()
    {
        Test.RespondWithWeChatPayV2(new { return_code = "FAIL", return_msg = "No Bill Exist" }, signed: false);

        var e = Thrown<ApiV2Exception>(() => Post(false, "v2/pay/downloadbill", new { xml = new { mch_id = TestMerchant.MchId, bill_date = "20261206" } }));

        Assert.That(e.ReturnMessage, Is.EqualTo("No Bill Exist"));
    }

    [Test]
    public async Task A_streamed_bill_answered_with_XML_over_the_body_cap_is_a_format_error_and_nothing_is_written([Values] bool sync)
    {
        var options = TestMerchant.ClientOptions();
        options.MaxResponseBodyBytes = 1024;
        using var client = new WeChatPayClient(options);
        Test.RespondWith("<xml><return_code>FAIL</return_code><return_msg>" + new string('x', 4096) + "</return_msg></xml>");
        using var destination = new MemoryStream();
        var bill = new { xml = new { mch_id = TestMerchant.MchId, bill_date = "20261206" } };

        var e = sync ? Assert.Throws<ResponseFormatException>(() => client.DownloadV2("v2/pay/downloadbill", bill, destination))!
            : (await Assert.ThrowsAsync<ResponseFormatException>(() => client.DownloadV2Async("v2/pay/downloadbill", bill, destination)))!;

        Assert.That(e.Message, Does.Contain("MaxResponseBodyBytes (1024 bytes)"));
        Assert.That(destination.Length, Is.Zero);
    }

    [TestCase("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><return_code>&x;</return_code></xml>", "DOCTYPE")]
    [TestCase("{\"return_code\":\"SUCCESS\"}", "not well-formed")]
    [TestCase("<xml><return_code>SUCCESS</return_code><return_code>FAIL</return_code></xml>", "appears twice")]
    public void A_hostile_answer_is_a_typed_format_error(string body, string reason)
    {
        Test.RespondWith(body);

        Assert.That(Thrown<ResponseFormatException>(() => Post(false)).Message, Does.Contain(reason).And.Contain("/pay/micropay"));
    }

    [Test]
    public void An_error_status_is_an_API_error_with_the_body()
    {
        Test.RespondWith("<html>bad gateway</html>", 502);

        Assert.That(Thrown<ApiException>(() => Post(false)).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadGateway));
    }

    [TestCase("mch_id", "1900009999", "signs for merchant 1900000001")]
    [TestCase("mchid", "1900009999", "xml's mchid is '1900009999'")]
    [TestCase("combine_mch_id", "1", "xml's combine_mch_id")]
    [TestCase("appid", "wx1", "names no merchant")]
    public void The_merchant_in_the_fields_must_be_the_clients_before_anything_is_sent(string field, string value, string message)
    {
        var e = Thrown<RequestOptionsException>(() => Post(false, options: new { xml = new Dictionary<string, object> { [field] = value } }))!;

        Assert.That(e.Message, Does.Contain(message));
        Test.ShouldNotHaveMadeACall();
    }

    private static readonly TestCaseData[] Unusable =
    [
        new TestCaseData(new { xml = new { mch_id = TestMerchant.MchId, sign = "X" } }, "computes with the APIv2 key").SetArgDisplayNames("sign given"),
        new TestCaseData(new { xml = new { mch_id = TestMerchant.MchId, sign_type = "SHA1" } }, "sign_type 'SHA1'").SetArgDisplayNames("unknown sign_type"),
        new TestCaseData(new { json = new { mch_id = TestMerchant.MchId } }, "json is an APIv3 option").SetArgDisplayNames("json"),
        new TestCaseData(new { }, "carries its fields as xml").SetArgDisplayNames("no xml"),
        new TestCaseData(new { xml = new { mch_id = TestMerchant.MchId }, security = "yes" }, "security must be true or false").SetArgDisplayNames("security not a flag"),
        new TestCaseData(new { xml = new { mch_id = TestMerchant.MchId }, sercurity = true }, "Options are xml, security, nonceless").SetArgDisplayNames("misspelt option"),
    ];

    [TestCaseSource(nameof(Unusable))]
    public void Options_that_cannot_make_an_APIv2_request_are_refused_before_sending(object options, string message)
    {
        Assert.That(Thrown<RequestOptionsException>(() => Post(false, options: options)).Message, Does.Contain(message));
        Test.ShouldNotHaveMadeACall();
    }

    [Test]
    public void APIv2_options_on_an_APIv3_path_are_refused()
        => Assert.That(Thrown<RequestOptionsException>(() => Client.SendAsync(HttpMethod.Post, "v3/pay/transactions/native", new { xml = new { a = 1 } })).Message,
            Does.Contain("xml is an APIv2 option").And.Contain("start with v2/"));

    [Test]
    public void A_GET_is_refused()
        => Assert.That(Thrown<RequestOptionsException>(() => Client.SendAsync(HttpMethod.Get, "v2/pay/orderquery", new { xml = new { mch_id = TestMerchant.MchId } })).Message, Does.Contain("POSTs of XML"));

    [Test]
    public void A_client_without_an_APIv2_key_says_which_option_to_set()
    {
        var options = TestMerchant.ClientOptions();
        options.ApiV2Key = null;
        using var client = new WeChatPayClient(options);

        Assert.That(Thrown<ConfigurationException>(() => client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay)).Message, Does.Contain("ClientOptions.ApiV2Key"));
    }

    [Test]
    public void A_malformed_APIv2_key_is_refused_when_the_client_is_built()
    {
        var options = TestMerchant.ClientOptions();
        options.ApiV2Key = "too-short-secret";

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options))!;

        Assert.That(e.Message, Does.Contain("ApiV2Key").And.Not.Contain("too-short-secret"));
    }

    [Test]
    public void Security_without_a_merchant_certificate_says_which_option_to_set()
        => Assert.That(Thrown<ConfigurationException>(() => Post(false, "v2/secapi/pay/refund", new { xml = new { mch_id = TestMerchant.MchId }, security = true })).Message,
            Does.Contain("ClientOptions.MerchantCertificate"));

    [Test]
    public async Task Security_goes_through_the_mutual_TLS_client_which_HttpTest_answers_too([Values] bool sync)
    {
        Test.RespondWithWeChatPayV2(new { result_code = "SUCCESS", refund_id = "50000000382019052709732678859" });
        using var client = new WeChatPayClient(WithCertificate());
        var refund = new { xml = new { appid = "wx1", mch_id = TestMerchant.MchId, out_trade_no = "1", out_refund_no = "R1", total_fee = 1, refund_fee = 1 }, security = true };

        var response = sync ? client.Send(HttpMethod.Post, "v2/secapi/pay/refund", refund) : await client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", refund);

        Assert.That(response.Xml["refund_id"], Is.EqualTo("50000000382019052709732678859"));
        Test.ShouldHaveCalled("*/secapi/pay/refund").WithVerb(HttpMethod.Post);
    }

    [Test]
    public void Security_over_a_transport_the_client_did_not_make_is_refused_with_the_fix()
    {
        var options = WithCertificate();
        options.HttpMessageHandler = new Support.StubHandler();
        using var client = new WeChatPayClient(options);

        Assert.That(Thrown<ConfigurationException>(() => client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", new { xml = new { mch_id = TestMerchant.MchId }, security = true })).Message,
            Does.Contain("ClientCertificates"));
    }

    [Test]
    public void A_merchant_certificate_of_another_key_is_refused_when_the_client_is_built()
    {
        var options = TestMerchant.ClientOptions();
        options.MerchantCertificate = TestPlatform.CertificatePem;

        Assert.That(Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options)).Message, Does.Contain("was not issued for PrivateKey"));
    }

    [Test]
    public void The_mutual_TLS_transport_presents_the_merchant_certificate()
    {
        var certificate = global::WeChatPay.Chain.Client.MerchantCertificate.Load(File.ReadAllText(Fixture("merchant_cert.pem")), TestMerchant.PrivateKey);
        using var handler = global::WeChatPay.Chain.Client.DefaultTransport.Create(certificate);
        // .NET 10 presents it through SocketsHttpHandler's TLS options, netstandard2.0 through HttpClientHandler's list.
        var presented = handler is HttpClientHandler platform ? platform.ClientCertificates : ((SocketsHttpHandler)handler).SslOptions.ClientCertificates!;

        Assert.That(certificate.HasPrivateKey, Is.True);
        Assert.That(presented.Cast<object>().Single(), Is.SameAs(certificate));
    }

    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    private static ClientOptions WithCertificate()
    {
        var options = TestMerchant.ClientOptions();
        options.MerchantCertificate = "file://" + Fixture("merchant_cert.pem");
        options.HttpMessageHandler = null;
        return options;
    }
}
