using System.Text;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>How the simulator takes or refuses an APIv2 request before any endpoint sees it: the XML, the merchant, the sign.</summary>
public sealed class ApiV2SignTests : ApiV2Test
{
    private List<KeyValuePair<string, string>> QueryFields(params (string, string)[] more) => Wire.Fields([("out_trade_no", "none"), .. more]);

    private static void AssertRefused(V2Answer answer, string message)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(200), "APIv2 answers failures with 200");
            Assert.That(answer.Field("return_code"), Is.EqualTo("FAIL"), answer.ToString());
            Assert.That(answer.Field("return_msg"), Does.Contain(message));
            Assert.That(answer.Field("sign"), Is.Null, "refusals are unsigned");
        });
    }

    [Test]
    public async Task A_wrong_sign_is_SIGNERROR_with_the_message_WeChat_Pay_gives_and_no_key()
    {
        var fields = QueryFields();
        fields.Add(new("sign", "9A0A8659F005D6984697E2CA0A9CF3B7"));

        var answer = await Wire.PostUnsignedAsync("/pay/orderquery", fields);

        AssertRefused(answer, "签名错误");
        Assert.That(answer.Field("return_msg"), Is.EqualTo("签名错误"));
        Assert.That(answer.Field("err_code"), Is.EqualTo("SIGNERROR"));
        Assert.That(answer.Field("err_code_des"), Does.Contain("MD5").And.Contain("appid,mch_id,nonce_str,out_trade_no").And.Not.Contain(Server.Profile.ApiV2Key));
        Assert.That(answer.Text, Does.Not.Contain(Server.Profile.ApiV2Key));
    }

    [Test]
    public async Task A_missing_sign_is_SIGNERROR()
        => Assert.That((await Wire.PostUnsignedAsync("/pay/orderquery", QueryFields())).Field("err_code"), Is.EqualTo("SIGNERROR"));

    [Test]
    public async Task A_sign_made_with_another_key_is_SIGNERROR()
    {
        var fields = QueryFields();
        fields.Add(new("sign", ApiV2Signature.Sign(fields, "AnotherMerchantKey0123456789ABCD")));

        Assert.That((await Wire.PostUnsignedAsync("/pay/orderquery", fields)).Field("err_code"), Is.EqualTo("SIGNERROR"));
    }

    [Test]
    public async Task A_field_changed_after_signing_is_SIGNERROR()
    {
        var fields = QueryFields();
        fields.Add(new("sign", ApiV2Signature.Sign(fields, Server.Profile.ApiV2Key)));
        fields[fields.FindIndex(f => f.Key == "out_trade_no")] = new("out_trade_no", "other");

        Assert.That((await Wire.PostUnsignedAsync("/pay/orderquery", fields)).Field("err_code"), Is.EqualTo("SIGNERROR"));
    }

    [Test]
    public async Task An_MD5_sign_under_sign_type_HMAC_SHA256_is_SIGNERROR()
    {
        var fields = QueryFields(("sign_type", "HMAC-SHA256"));
        fields.Add(new("sign", ApiV2Signature.Sign(fields, Server.Profile.ApiV2Key, ApiV2SignType.Md5)));

        var answer = await Wire.PostUnsignedAsync("/pay/orderquery", fields);

        Assert.That(answer.Field("err_code"), Is.EqualTo("SIGNERROR"));
        Assert.That(answer.Field("err_code_des"), Does.Contain("HMAC-SHA256"));
    }

    [TestCase(ApiV2SignType.Md5, 32)]
    [TestCase(ApiV2SignType.HmacSha256, 64)]
    public async Task A_taken_call_is_answered_signed_with_the_request_sign_type(ApiV2SignType type, int length)
    {
        var fields = type == ApiV2SignType.HmacSha256 ? QueryFields(("sign_type", "HMAC-SHA256")) : QueryFields();

        var answer = await Wire.PostAsync("/pay/orderquery", fields, type);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Field("return_code"), Is.EqualTo("SUCCESS"), answer.ToString());
            Assert.That(answer.Field("result_code"), Is.EqualTo("FAIL"));
            Assert.That(answer.Field("sign"), Does.Match($"^[0-9A-F]{{{length}}}$"));
            Assert.That(ApiV2Signature.IsValid(answer.Xml, Server.Profile.ApiV2Key), Is.True);
            Assert.That(answer.Field("nonce_str"), Does.Match("^[0-9A-Za-z]{32}$").And.Not.EqualTo(fields.Single(f => f.Key == "nonce_str").Value), "a fresh nonce");
            Assert.That(answer.Field("mch_id"), Is.EqualTo(Server.Profile.MchId));
            Assert.That(answer.Field("appid"), Is.EqualTo(V2Wire.AppId));
        });
    }

    [Test]
    public async Task HMAC_SHA256_requests_through_the_library_are_answered_and_verified_in_HMAC_SHA256([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();
        var options = new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, sign_type = "HMAC-SHA256", body = "QQ公仔", out_trade_no = outTradeNo, total_fee = 1, spbill_create_ip = "14.23.150.211", auth_code = SimulatedAuthCodes.PaysAtOnce } };

        var response = sync ? Client.Send(HttpMethod.Post, "v2/pay/micropay", options) : await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", options);

        Assert.That(response.Xml["sign"], Has.Length.EqualTo(64));
        Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Verified));
        Assert.That(response.Xml["result_code"], Is.EqualTo("SUCCESS"));
    }

    [Test]
    public async Task Another_merchant_is_refused_naming_mch_id()
        => AssertRefused(await Wire.PostAsync("/pay/orderquery", QueryFields(("mch_id", "1900009999"))), "mch_id 1900009999 is not the simulated merchant");

    [TestCase("mch_id")]
    [TestCase("appid")]
    [TestCase("nonce_str")]
    public async Task A_field_every_call_needs_is_named_when_missing(string name)
    {
        var fields = QueryFields();
        fields.RemoveAll(f => f.Key == name);

        AssertRefused(await Wire.PostAsync("/pay/orderquery", fields), name + " is required");
    }

    [Test]
    public async Task An_unknown_sign_type_is_refused()
        => AssertRefused(await Wire.PostAsync("/pay/orderquery", QueryFields(("sign_type", "SHA1"))), "sign_type SHA1 is not one APIv2 knows");

    [TestCase("<xml><mch_id>1</mch_id>", "not well-formed")]
    [TestCase("{\"mch_id\":\"1\"}", "not well-formed")]
    [TestCase("<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><mch_id>&x;</mch_id></xml>", "DOCTYPE")]
    [TestCase("<xml><mch_id>1</mch_id><mch_id>2</mch_id></xml>", "appears twice")]
    [TestCase("<root><mch_id>1</mch_id></root>", "<root>")]
    public async Task A_body_that_is_not_APIv2_XML_is_refused_as_an_XML_error(string body, string reason)
    {
        var answer = await Wire.SendAsync(HttpMethod.Post, "/pay/micropay", Encoding.UTF8.GetBytes(body));

        AssertRefused(answer, "XML格式错误");
        Assert.That(answer.Field("return_msg"), Does.Contain(reason));
        Assert.That(answer.Field("err_code"), Is.EqualTo("XML_FORMAT_ERROR"));
    }

    [Test]
    public async Task A_GET_is_refused_as_APIv2_refuses_it()
        => AssertRefused(await Wire.SendAsync(HttpMethod.Get, "/pay/orderquery", null), "请使用post方法");

    [Test]
    public async Task Answers_are_XML_with_a_Request_ID_and_need_no_Authorization_header()
    {
        var exchanges = new List<SimulatorExchange>();
        Server.RequestHandled += (_, exchange) => exchanges.Add(exchange);
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        var body = ApiV2Xml.Write(Signed(QueryFields()));

        using var response = await http.PostAsync("/pay/orderquery", new StringContent(body, Encoding.UTF8, "text/xml"));

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/xml; charset=utf-8"));
            Assert.That(response.Headers.Contains("Request-ID"), Is.True);
            Assert.That(response.Headers.Any(h => h.Key.StartsWith("Wechatpay-", StringComparison.OrdinalIgnoreCase)), Is.False, "APIv2 is signed in its body");
            Assert.That(exchanges.Single().ErrorCode, Is.EqualTo("ORDERNOTEXIST"), "the transcript records err_code");
            Assert.That(exchanges.Single().Target, Is.EqualTo("/pay/orderquery"));
        });
    }

    [Test]
    public async Task An_APIv2_path_the_simulator_does_not_model_is_404_as_before()
    {
        var answer = await Wire.PostAsync("/pay/reverse", QueryFields());

        Assert.That((int)answer.Status, Is.EqualTo(404));
    }

    private List<KeyValuePair<string, string>> Signed(List<KeyValuePair<string, string>> fields)
        => [.. fields, new("sign", ApiV2Signature.Sign(fields, Server.Profile.ApiV2Key))];
}
