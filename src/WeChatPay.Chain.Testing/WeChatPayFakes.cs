using System.Net.Http.Headers;
using System.Text;
using Flurl.Http.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Testing;

/// <summary>
/// Fakes for Flurl's <c>HttpTest</c> signed the way WeChat Pay signs its answers, with <see cref="TestPlatform"/>'s key.
/// A client of the library verifies fakes like answers from the wire, so an unsigned <c>RespondWith</c> fails with a
/// <see cref="ResponseVerificationException"/>: these make the signed ones.
/// </summary>
public static class WeChatPayFakes
{
    private static readonly JsonSerializerSettings WireJson = new() { NullValueHandling = NullValueHandling.Ignore };

    /// <summary>Queues an answer signed by <see cref="TestPlatform"/>: <c>test.RespondWithWeChatPay(new { order_id = "…", state = "CREATED" })</c>.</summary>
    /// <param name="setup">The <c>HttpTest</c>, or a <c>ForCallsTo(…)</c> of it.</param>
    /// <param name="body">The body: an object or <c>JObject</c> sent as JSON (nulls left out, as WeChat Pay does), a string or bytes sent as they are, or null for none.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="headers">More headers, as an object or dictionary (<c>new { Retry_After = 1 }</c>: underscores become hyphens).</param>
    /// <param name="signedAt">The signing time; now when null (a client's clock rejects answers more than 300 seconds away).</param>
    /// <param name="keyId">The key the answer names in <c>Wechatpay-Serial</c>; <see cref="TestPlatform.PublicKeyId"/> when null.</param>
    public static HttpTestSetup RespondWithWeChatPay(this HttpTestSetup setup, object? body = null, int status = 200, object? headers = null, DateTimeOffset? signedAt = null, string? keyId = null)
    {
        if (setup is null) throw new ArgumentNullException(nameof(setup));
        var bytes = BytesOf(body);
        var all = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase) { ["Request-ID"] = RequestId() };
        foreach (var header in TestPlatform.SignatureHeaders(bytes, signedAt, keyId)) all[header.Key] = header.Value;
        if (headers is not null)
        {
            foreach (var property in JObject.FromObject(headers).Properties()) all[property.Name.Replace('_', '-')] = property.Value.ToString();
        }
        return setup.RespondWith(() => Content(bytes), status, all, replaceUnderscoreWithHyphen: false);
    }

    /// <summary>
    /// Queues an error answer as WeChat Pay writes them, <c>{"code","message","detail"}</c> with a <c>Request-ID</c>, signed:
    /// <c>test.RespondWithWeChatPayError(404, "ORDER_NOT_EXIST", "订单不存在")</c>.
    /// </summary>
    /// <param name="setup">The <c>HttpTest</c>, or a <c>ForCallsTo(…)</c> of it.</param>
    /// <param name="status">The HTTP status: 400 <c>PARAM_ERROR</c>, 401 <c>SIGN_ERROR</c>, 403 <c>NO_AUTH</c>, 404 <c>ORDER_NOT_EXIST</c>, 429, 500…</param>
    /// <param name="code">WeChat Pay's error code.</param>
    /// <param name="message">Its message.</param>
    /// <param name="detail">Its free-form <c>detail</c>, or null for none.</param>
    public static HttpTestSetup RespondWithWeChatPayError(this HttpTestSetup setup, int status, string code, string message, object? detail = null)
        => setup.RespondWithWeChatPay(new { code, message, detail }, status);

    /// <summary>
    /// Queues an APIv2 answer as WeChat Pay writes them: the fields as <c>&lt;xml&gt;</c>, with <c>return_code</c> SUCCESS
    /// unless given, signed with <see cref="TestMerchant.ApiV2Key"/>:
    /// <c>test.RespondWithWeChatPayV2(new { result_code = "SUCCESS", transaction_id = "4200…" })</c>.
    /// </summary>
    /// <param name="setup">The <c>HttpTest</c>, or a <c>ForCallsTo(…)</c> of it.</param>
    /// <param name="fields">The fields, as an object or dictionary; nulls are left out.</param>
    /// <param name="signType">How to sign: MD5 (32 hex characters) or HMAC-SHA256 (64), as the request asked.</param>
    /// <param name="signed">False for an answer without <c>sign</c>, as the red packet and transfer endpoints give.</param>
    public static HttpTestSetup RespondWithWeChatPayV2(this HttpTestSetup setup, object fields, ApiV2SignType signType = ApiV2SignType.Md5, bool signed = true)
    {
        if (setup is null) throw new ArgumentNullException(nameof(setup));
        var all = new List<KeyValuePair<string, string>> { new("return_code", "SUCCESS") };
        foreach (var property in JObject.FromObject(fields ?? throw new ArgumentNullException(nameof(fields))).Properties())
        {
            if (property.Value.Type == JTokenType.Null) continue;
            all.RemoveAll(f => f.Key == property.Name);
            all.Add(new(property.Name, property.Value.ToString()));
        }
        if (signed) all.Add(new("sign", ApiV2Signature.Sign(all, TestMerchant.ApiV2Key, signType)));
        var bytes = Encoding.UTF8.GetBytes(ApiV2Xml.Write(all));
        return setup.RespondWith(() => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" } } }, 200);
    }

    private static byte[] BytesOf(object? body) => body switch
    {
        null => [],
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        JToken token => Encoding.UTF8.GetBytes(token.ToString(Formatting.None)),
        _ => Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(body, WireJson)),
    };

    private static HttpContent Content(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A Request-ID of WeChat Pay's shape, different for every answer, so a test can tell answers apart.</summary>
    private static string RequestId() => "08" + Guid.NewGuid().ToString("N").Substring(0, 30).ToUpperInvariant();
}
