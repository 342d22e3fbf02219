using System.Buffers;
namespace WeChatPay.Chain.Client;

/// <summary>
/// What travels with a message through the pipeline: the exact request and response body bytes, so signing and
/// verification read the bytes that were sent and received without copying or re-reading the content, and the marks
/// the signing and verification steps leave, so the client can tell that both ran.
/// </summary>
internal static class PipelineState
{
    private static readonly RequestProperty<byte[]> Sent = new("WeChatPay.Chain.RequestBody");
    private static readonly RequestProperty<byte[]> Received = new("WeChatPay.Chain.ResponseBody");
    private static readonly RequestProperty<bool> Signed = new("WeChatPay.Chain.Signed");
    private static readonly RequestProperty<bool> Checked = new("WeChatPay.Chain.Checked");

    /// <summary>Records that the signing step signed this request.</summary>
    public static void MarkSigned(HttpRequestMessage request) => Signed.Set(request, true);

    /// <summary>Records that the verification step saw the response to this request (and verified it where WeChat Pay signs).</summary>
    public static void MarkChecked(HttpRequestMessage request) => Checked.Set(request, true);

    /// <summary>
    /// Fails unless the request went through both steps — the guard for <see cref="HttpClient"/>s built outside the
    /// client, whose pipelines might lack them.
    /// </summary>
    /// <exception cref="ConfigurationException">A step is missing; the response must not be used.</exception>
    public static void RequireSignedAndChecked(HttpRequestMessage request)
    {
        if (Signed.TryGet(request, out var signed) && signed && Checked.TryGet(request, out var seen) && seen) return;
        throw new ConfigurationException(
            $"The HttpClient given to WeChatPayClient did not {(signed ? "verify the response" : "sign the request")} of {request.Method} {request.RequestUri?.AbsolutePath}: " +
            "its pipeline must hold WeChatPayCredentials.CreateHandlers(), in that order, in front of the transport. The response was discarded.");
    }

    /// <summary>Attaches the bytes of a request's content.</summary>
    public static void Attach(HttpRequestMessage request, byte[] body) => Sent.Set(request, body);

    /// <summary>
    /// The request body bytes: those attached, or — when another component built the request — the content read once
    /// and put back as bytes, so that what is signed is what is sent.
    /// </summary>
    public static byte[] Of(HttpRequestMessage request)
    {
        if (Sent.TryGet(request, out var body)) return body;
        if (request.Content is not { } original) return [];
        using (var buffer = new MemoryStream())
        {
            original.CopyTo(buffer, null, default);
            body = buffer.ToArray();
        }
        request.Content = CopyHeaders(original, new ByteArrayContent(body));
        original.Dispose();
        Attach(request, body);
        return body;
    }

#if NET
    /// <summary>The synchronous form of <see cref="ReadResponseAsync"/>.</summary>
    /// <exception cref="ResponseFormatException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadResponse(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        RefuseDeclaredOversize(response, maxBytes);
        // A synchronous Read cannot be cancelled: closing the response is what ends a body that stalls past the timeout.
        using var stall = cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        try
        {
            using var stream = response.Content.ReadAsStream(cancellationToken);
            if (DeclaredLength(response) is { } declared) return Keep(response, ReadExactly(stream, (int)declared, response, maxBytes));
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                using var buffer = new MemoryStream();
                int read;
                while ((read = stream.Read(chunk, 0, ChunkSize)) > 0) Append(response, buffer, chunk, read, maxBytes);
                RefuseCut(cancellationToken);
                return Keep(response, buffer.ToArray());
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The response body did not arrive in time.", e, cancellationToken);
        }
    }
#endif

    /// <summary>Reads a response body into memory once, replacing the content with the buffered bytes.</summary>
    /// <exception cref="ResponseFormatException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadResponseAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        RefuseDeclaredOversize(response, maxBytes);
        // A transport's stream may ignore the token: closing the response ends its read too, as in the synchronous form.
        using var stall = cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        try
        {
            using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (DeclaredLength(response) is { } declared)
            {
                // The usual case: the length is known, so the body is read straight into its final array, with no copies.
                var body = new byte[declared];
                var at = 0;
                int read;
                while (at < body.Length && (read = await stream.ReadAsync(body, at, body.Length - at, cancellationToken).ConfigureAwait(false)) > 0) at += read;
                RefuseCut(cancellationToken);
                return Keep(response, Complete(body, at, response, maxBytes));
            }
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                using var buffer = new MemoryStream();
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, ChunkSize, cancellationToken).ConfigureAwait(false)) > 0) Append(response, buffer, chunk, read, maxBytes);
                RefuseCut(cancellationToken);
                return Keep(response, buffer.ToArray());
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The response body did not arrive in time.", e, cancellationToken);
        }
    }

    /// <summary>Closing the response may end a read as if the body had ended: a body cut by the timeout is not whole.</summary>
    private static void RefuseCut(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("The response body did not arrive in time.", cancellationToken);
    }

    /// <summary>
    /// The body a pipeline step already read, or the body read here under the size cap within
    /// <paramref name="timeout"/>: one that does not arrive in time is a <see cref="TimeoutException"/>, while the
    /// caller's own cancellation stays cancellation.
    /// </summary>
    /// <exception cref="ResponseFormatException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static ValueTask<byte[]> ReadWithinAsync(HttpResponseMessage response, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
        // The usual case on the per-call path: the verification step read the body already, and no task is made for it.
        => ReceivedBy(response) is { } read ? new(read) : new(ReadUnreadWithinAsync(response, maxBytes, timeout, cancellationToken));

    private static async Task<byte[]> ReadUnreadWithinAsync(HttpResponseMessage response, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await ReadResponseAsync(response, maxBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The response body did not arrive within Timeout.", e);
        }
    }

#if NET
    /// <summary>The synchronous form of <see cref="ReadWithinAsync"/>.</summary>
    /// <exception cref="ResponseFormatException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadWithin(HttpResponseMessage response, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (ReceivedBy(response) is { } read) return read;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return ReadResponse(response, maxBytes, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The response body did not arrive within Timeout.", e);
        }
    }
#endif

    /// <summary>The response body stashed by <see cref="ReadResponseAsync"/>, or null.</summary>
    public static byte[]? ReceivedBy(HttpResponseMessage response)
        => response.RequestMessage is { } request && Received.TryGet(request, out var body) ? body : null;

    private static byte[] Keep(HttpResponseMessage response, byte[] body)
    {
        var original = response.Content;
        response.Content = CopyHeaders(original, new ByteArrayContent(body));
        original.Dispose();
        if (response.RequestMessage is { } request) Received.Set(request, body);
        return body;
    }

    private static HttpContent CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var (name, values) in from.Headers.NonValidated) to.Headers.TryAddWithoutValidation(name, values);
        return to;
    }

    private const int ChunkSize = 16 * 1024;

#if NET
    private static byte[] ReadExactly(Stream stream, int length, HttpResponseMessage response, int maxBytes)
    {
        var body = new byte[length];
        return Complete(body, stream.ReadAtLeast(body, length, throwOnEndOfStream: false), response, maxBytes);
    }
#endif

    /// <summary>A body shorter than its Content-Length was cut off; one longer is caught by the transport.</summary>
    private static byte[] Complete(byte[] body, int read, HttpResponseMessage response, int maxBytes)
    {
        if (read == body.Length) return body;
        throw new IOException($"The response body ended after {read} of its {body.Length} declared bytes (maximum {maxBytes}).");
    }

    /// <summary>
    /// The Content-Length to read into an array of that size, or null to read in chunks: no length, or the response to
    /// a HEAD request, whose Content-Length describes a body that is never sent.
    /// </summary>
    private static long? DeclaredLength(HttpResponseMessage response)
        => response.RequestMessage?.Method == HttpMethod.Head ? null : response.Content.Headers.ContentLength;

    private static void RefuseDeclaredOversize(HttpResponseMessage response, int maxBytes)
    {
        if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(response, maxBytes);
    }

    private static void Append(HttpResponseMessage response, MemoryStream buffer, byte[] chunk, int count, int maxBytes)
    {
        if (buffer.Length + count > maxBytes) throw TooLarge(response, maxBytes);
        buffer.Write(chunk, 0, count);
    }

    private static ResponseFormatException TooLarge(HttpResponseMessage response, int maxBytes) => new(
        $"The response to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} (HTTP {(int)response.StatusCode}) is larger than " +
        $"MaxResponseBodyBytes ({maxBytes} bytes). Raise ClientOptions.MaxResponseBodyBytes, or download files with DownloadAsync, which streams.", null);
}
