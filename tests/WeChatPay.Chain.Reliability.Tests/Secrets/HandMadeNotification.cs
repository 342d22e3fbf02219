using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator;

namespace WeChatPay.Chain.Reliability.Tests.Secrets;

/// <summary>
/// A notification made here as WeChat Pay makes one, with the simulator's platform private key (read from the profile's
/// <c>simulator/</c> folder) and the merchant's APIv3 key — or spoiled in one way — ready to post.
/// </summary>
internal sealed class HandMadeNotification
{
    private HandMadeNotification(byte[] body, List<KeyValuePair<string, string>> headers, string signature)
    {
        Body = body;
        Headers = headers;
        Signature = signature;
    }

    public byte[] Body { get; set; }

    public List<KeyValuePair<string, string>> Headers { get; }

    public string Signature { get; }

    public static HandMadeNotification Create(SimulatorProfile profile, RSA platformKey, string? apiV3Key = null, long timestampOffset = 0, string? signature = null, string? serial = null, Action<JObject>? change = null)
    {
        var resource = "{\"out_order_no\":\"NO1\",\"state\":\"USER_PAID\",\"total_amount\":450}";
        var envelope = new JObject
        {
            ["id"] = "EV-" + Guid.NewGuid().ToString("N"),
            ["create_time"] = "2026-11-21T10:00:00+08:00",
            ["event_type"] = "PAYSCORE.USER_PAID",
            ["resource_type"] = "encrypt-resource",
            ["summary"] = "支付成功",
            ["resource"] = new JObject
            {
                ["algorithm"] = AeadAesGcm.Algorithm,
                ["ciphertext"] = new AeadAesGcm(apiV3Key ?? profile.ApiV3Key).Encrypt("fdasflkja484", "payscore", resource),
                ["nonce"] = "fdasflkja484",
                ["associated_data"] = "payscore",
                ["original_type"] = "payscore",
            },
        };
        change?.Invoke(envelope);
        var body = Encoding.UTF8.GetBytes(envelope.ToString(Formatting.None));
        var timestamp = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + timestampOffset).ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce.Create();
        var signed = Rsa.Sign(platformKey, SignatureMessage.ForResponse(timestamp, nonce, body));
        return new HandMadeNotification(body,
        [
            new(WeChatPayHeaders.Timestamp, timestamp),
            new(WeChatPayHeaders.Nonce, nonce),
            new(WeChatPayHeaders.Signature, signature ?? signed),
            new(WeChatPayHeaders.Serial, serial ?? profile.PlatformCertificateSerial),
        ], signed);
    }

    public async Task<string> PostAsync(HttpClient http, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        return $"HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}
