using System.Buffers;
using System.Text;

namespace WeChatPay.Chain.Protocol;

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
        var message = new byte[Length(body.Length, fields)];
        Write(message, body, fields);
        return message;
    }

    /// <summary>
    /// The message in a buffer rented from the shared pool, for a signature made or checked at once: dispose it right
    /// after, which wipes the buffer (it holds the body) and returns it.
    /// </summary>
    internal static PooledSignatureMessage Pooled(ReadOnlySpan<byte> body, params ReadOnlySpan<string> fields)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Length(body.Length, fields));
        return new PooledSignatureMessage(buffer, Write(buffer, body, fields).Length);
    }

    /// <summary>
    /// <see cref="Pooled(ReadOnlySpan{byte}, ReadOnlySpan{string})"/> for a body that is text: its UTF-8 is written
    /// straight into the pooled buffer, so no array of the body's bytes is made.
    /// </summary>
    internal static PooledSignatureMessage Pooled(string body, params ReadOnlySpan<string> fields)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Length(Encoding.UTF8.GetByteCount(body), fields));
        var at = WriteFields(buffer, fields);
        at += Encoding.UTF8.GetBytes(body, 0, body.Length, buffer, at);
        buffer[at++] = (byte)'\n';
        return new PooledSignatureMessage(buffer, at);
    }

    private static int Length(int bodyLength, ReadOnlySpan<string> fields)
    {
        var length = bodyLength + 1;
        foreach (var field in fields) length += Encoding.UTF8.GetByteCount(field) + 1;
        return length;
    }

    /// <summary>Writes the message into <paramref name="destination"/>, at least <see cref="Length"/> bytes long, and returns the part written.</summary>
    private static ReadOnlySpan<byte> Write(Span<byte> destination, ReadOnlySpan<byte> body, ReadOnlySpan<string> fields)
    {
        var at = WriteFields(destination, fields);
        body.CopyTo(destination[at..]);
        at += body.Length;
        destination[at++] = (byte)'\n';
        return destination[..at];
    }

    /// <summary>Writes each field followed by <c>\n</c> and returns where the body goes.</summary>
    private static int WriteFields(Span<byte> destination, ReadOnlySpan<string> fields)
    {
        var at = 0;
        foreach (var field in fields)
        {
            at += Encoding.UTF8.GetBytes(field, destination[at..]);
            destination[at++] = (byte)'\n';
        }
        return at;
    }
}
