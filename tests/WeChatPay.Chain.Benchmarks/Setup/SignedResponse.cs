using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Benchmarks.Setup;

/// <summary>
/// A response signed once, at setup, with WeChat Pay's key, then served unchanged on every call: the server side
/// spends no RSA time, so what is measured is the client's work.
/// </summary>
public sealed class SignedResponse
{
    private SignedResponse(byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers, DateTimeOffset signedAt)
    {
        Body = body;
        Headers = headers;
        SignedAt = signedAt;
    }

    /// <summary>The body bytes the signature covers.</summary>
    public byte[] Body { get; }

    /// <summary>The <c>Wechatpay-*</c> headers and a <c>Request-ID</c>, in the order a server sends them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>When it was signed: give clients a clock that reads this (see <see cref="FixedClock"/>).</summary>
    public DateTimeOffset SignedAt { get; }

    /// <summary>Signs <c>TIMESTAMP\nNONCE\nBODY\n</c> with WeChat Pay's private key, as the real server does.</summary>
    public static SignedResponse Create(BenchmarkKeys keys, byte[] body, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        var message = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n").Concat(body).Append((byte)'\n').ToArray();
        var signature = Convert.ToBase64String(keys.PlatformPrivateKey.SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        KeyValuePair<string, string>[] headers =
        [
            new("Request-ID", "08F78BB5AF0610D302180AAD8C0F2C9C04"),
            new("Wechatpay-Nonce", nonce),
            new("Wechatpay-Serial", BenchmarkKeys.PlatformKeyId),
            new("Wechatpay-Signature", signature),
            new("Wechatpay-Timestamp", timestamp),
        ];
        return new SignedResponse(body, headers, signedAt);
    }

    /// <summary>A fresh message for one request, as a transport would build from the bytes it read.</summary>
    public HttpResponseMessage ToMessage(HttpRequestMessage request)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (name, value) in Headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }
}
