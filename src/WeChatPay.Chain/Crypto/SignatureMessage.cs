using System.Text;

namespace WeChatPay.Chain.Crypto;

/// <summary>The exact byte strings WeChat Pay signs: each field followed by <c>\n</c>, the body as raw bytes.</summary>
public static class SignatureMessage
{
    /// <summary>
    /// The request message <c>METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n</c>. <paramref name="requestTarget"/>
    /// must be the request-target exactly as sent; <paramref name="body"/> the exact bytes sent (empty for GET).
    /// </summary>
    public static byte[] ForRequest(string method, string requestTarget, string timestamp, string nonce, ReadOnlySpan<byte> body)
        => Join(body, method, requestTarget, timestamp, nonce);

    /// <summary>The response or notification message <c>TIMESTAMP\nNONCE\nBODY\n</c>, over the raw body bytes.</summary>
    public static byte[] ForResponse(string timestamp, string nonce, ReadOnlySpan<byte> body)
        => Join(body, timestamp, nonce);

    private static byte[] Join(ReadOnlySpan<byte> body, params ReadOnlySpan<string> fields)
    {
        var length = body.Length + 1;
        foreach (var field in fields) length += Encoding.UTF8.GetByteCount(field) + 1;
        var message = new byte[length];
        var at = 0;
        foreach (var field in fields)
        {
            at += Encoding.UTF8.GetBytes(field, message.AsSpan(at));
            message[at++] = (byte)'\n';
        }
        body.CopyTo(message.AsSpan(at));
        message[^1] = (byte)'\n';
        return message;
    }
}
