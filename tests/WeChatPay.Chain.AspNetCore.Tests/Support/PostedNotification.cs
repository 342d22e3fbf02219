using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.AspNetCore.Tests.Support;

/// <summary>
/// A notification as WeChat Pay posts it, made by hand here: the resource encrypted with AES-256-GCM, the envelope
/// serialised once, and <c>TIMESTAMP\nNONCE\nBODY\n</c> signed over those exact bytes with the test platform key.
/// </summary>
internal sealed class PostedNotification
{
    public const string Id = "EV-2018022511223320873";
    public const string EventType = "TRANSACTION.SUCCESS";
    public const string DefaultResource = "{\"mchid\":\"1900000001\",\"out_trade_no\":\"NO1\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}";

    public byte[] Body { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    public string Signature { get; }

    public string Ciphertext { get; }

    private PostedNotification(byte[] body, string signature, string ciphertext)
    {
        Body = body;
        Signature = signature;
        Ciphertext = ciphertext;
    }

    public static PostedNotification Create(
        string resource = DefaultResource,
        string apiV3Key = TestPlatform.ApiV3Key,
        long? timestamp = null,
        string algorithm = AeadAesGcm.Algorithm,
        string? signature = null,
        string serial = TestPlatform.Serial,
        byte[]? body = null)
    {
        var ciphertext = new AeadAesGcm(apiV3Key).Encrypt("fdasflkja484", "transaction", resource);
        var envelope = new JObject
        {
            ["id"] = Id,
            ["create_time"] = "2026-11-21T10:00:00+08:00",
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = EventType,
            ["summary"] = "支付成功",
            ["resource"] = new JObject
            {
                ["original_type"] = "transaction",
                ["algorithm"] = algorithm,
                ["ciphertext"] = ciphertext,
                ["associated_data"] = "transaction",
                ["nonce"] = "fdasflkja484",
            },
        };
        body ??= Encoding.UTF8.GetBytes(envelope.ToString(Formatting.None));
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        const string nonce = "2a4bc9e5f0d14c6e8f3b7a1d9c0e5f62";
        signature ??= Rsa.Sign(TestPlatform.PrivateKey.Value, SignatureMessage.ForResponse(ts, nonce, body));
        var posted = new PostedNotification(body, signature, ciphertext);
        posted.Headers.Add(new(WeChatPayHeaders.Timestamp, ts));
        posted.Headers.Add(new(WeChatPayHeaders.Nonce, nonce));
        posted.Headers.Add(new(WeChatPayHeaders.Signature, signature));
        posted.Headers.Add(new(WeChatPayHeaders.Serial, serial));
        posted.Headers.Add(new("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"));
        return posted;
    }

    public HttpRequestMessage ToRequest(Uri url, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(Body)) : new ByteArrayContent(Body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>A stream that does not tell its length, so the body goes chunked, with no Content-Length to check first.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
