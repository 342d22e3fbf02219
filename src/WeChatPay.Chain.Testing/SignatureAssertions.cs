using System.Security.Cryptography;
using System.Text;
using Flurl.Http;
using Flurl.Http.Testing;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Testing;

/// <summary>
/// Checks, as WeChat Pay does, that recorded requests are signed: the <c>Authorization</c> header verifies with the
/// merchant's public key over <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c> taken from the request as recorded.
/// </summary>
public static class SignatureAssertions
{
    /// <summary>
    /// Narrows an assertion to calls signed by the merchant:
    /// <c>test.ShouldHaveCalled("*/v3/payscore/smartretail-orders").WithVerb(HttpMethod.Post).WithWeChatPaySignature()</c>.
    /// </summary>
    /// <param name="assertion">The assertion from <c>ShouldHaveCalled</c>.</param>
    /// <param name="merchantKey">The merchant's key (its public part is used); <see cref="TestMerchant.PrivateKey"/> when null.</param>
    public static HttpCallAssertion WithWeChatPaySignature(this HttpCallAssertion assertion, RSA? merchantKey = null)
    {
        if (assertion is null) throw new ArgumentNullException(nameof(assertion));
        var key = merchantKey ?? TestMerchant.PrivateKey;
        return assertion.With(call => IsSignedBy(call, key), "a WeChat Pay signature by the merchant over the request as recorded");
    }

    /// <summary>
    /// Whether the call's <c>Authorization</c> header verifies with <paramref name="merchantKey"/> over the method,
    /// request-target and body recorded (for a media upload, its <c>meta</c> part, which is what WeChat Pay signs).
    /// </summary>
    public static bool IsSignedBy(FlurlCall call, RSA merchantKey)
    {
        if (call?.HttpRequestMessage is not { RequestUri: { } uri } request) return false;
        if (!request.Headers.TryGetValues("Authorization", out var values) || !AuthorizationHeader.TryParse(values.FirstOrDefault(), out var header, out _)) return false;
        var body = request.Content?.ReadAsByteArrayAsync().GetAwaiter().GetResult() ?? [];
        if (request.Content?.Headers.ContentType?.MediaType == "multipart/form-data") body = MetaPart(body);
        return Rsa.Verify(merchantKey, SignatureMessage.ForRequest(request.Method.Method, uri.PathAndQuery, header.Timestamp, header.Nonce, body), header.Signature);
    }

    /// <summary>The body of the multipart part named <c>meta</c>, or nothing when there is none.</summary>
    private static byte[] MetaPart(byte[] multipart)
    {
        var text = Encoding.UTF8.GetString(multipart);
        var part = text.IndexOf("name=\"meta\"", StringComparison.Ordinal);
        var start = part < 0 ? -1 : text.IndexOf("\r\n\r\n", part, StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("\r\n--", start + 4, StringComparison.Ordinal);
        return end < 0 ? [] : Encoding.UTF8.GetBytes(text.Substring(start + 4, end - start - 4));
    }
}
