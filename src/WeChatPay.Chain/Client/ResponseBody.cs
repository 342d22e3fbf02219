using System.Buffers;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Reads a response body into memory once, under a size cap, and when asked puts it back as bytes, so that a Flurl event
/// handler that reads the response next gets the same bytes. Written once for both forms: with <c>async</c> false
/// nothing is awaited.
/// </summary>
internal static class ResponseBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>Reads the body; the token ends the read, also of a stream that ignores it, by closing the response.</summary>
    /// <param name="async">Whether to wait asynchronously.</param>
    /// <param name="response">The response whose body to read.</param>
    /// <param name="maxBytes">The cap.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    /// <param name="fixedLimit">Why the cap is fixed, when no setting governs it; null for <see cref="ClientOptions.MaxResponseBodyBytes"/>.</param>
    /// <param name="keep">Whether to put the body back in the response for reading again.</param>
    /// <exception cref="ResponseFormatException">The body is larger than <paramref name="maxBytes"/>; the message names what governs the cap.</exception>
    /// <exception cref="OperationCanceledException">The token ended the read; a body it cut off is never taken as whole.</exception>
    /// <exception cref="IOException">The body ended before its declared length.</exception>
    public static async ValueTask<byte[]> ReadAsync(bool async, HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken, string? fixedLimit = null, bool keep = false)
    {
        if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(response, maxBytes, fixedLimit);
        // A synchronous Read cannot be cancelled, and a transport's stream may ignore the token: closing the response ends both.
        using var stall = cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
        try
        {
            using var stream = async
                ? await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)
                : response.Content.ReadAsStream(cancellationToken);
            var body = DeclaredLength(response) is { } declared
                ? await ReadExactlyAsync(async, stream, (int)declared, cancellationToken).ConfigureAwait(false)
                : await ReadToEndAsync(async, stream, response, maxBytes, fixedLimit, cancellationToken).ConfigureAwait(false);
            // Closing the response may end a read as if the body had ended.
            cancellationToken.ThrowIfCancellationRequested();
            if (keep) Keep(response, body);
            return body;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The response body did not arrive in time.", e, cancellationToken);
        }
    }

    /// <summary>The usual case: the length is known, so the body is read straight into its final array.</summary>
    private static async ValueTask<byte[]> ReadExactlyAsync(bool async, Stream stream, int length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var at = 0;
        int read;
        while (at < length && (read = async ? await stream.ReadAsync(body.AsMemory(at, length - at), cancellationToken).ConfigureAwait(false) : stream.Read(body, at, length - at)) > 0) at += read;
        // A longer body is caught by the transport; a shorter one was cut off.
        return at == length ? body : throw new IOException($"The response body ended after {at} of its {length} declared bytes.");
    }

    private static async ValueTask<byte[]> ReadToEndAsync(bool async, Stream stream, HttpResponseMessage response, int maxBytes, string? fixedLimit, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = async ? await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false) : stream.Read(chunk, 0, ChunkSize)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw TooLarge(response, maxBytes, fixedLimit);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Replaces the content with the bytes read, keeping its headers.</summary>
    private static void Keep(HttpResponseMessage response, byte[] body)
    {
        var original = response.Content;
        var kept = new ByteArrayContent(body);
        foreach (var (name, values) in original.Headers.NonValidated)
        {
            // One value at a time: handing over the values as a whole would box them.
            foreach (var value in values) kept.Headers.TryAddWithoutValidation(name, value);
        }
        response.Content = kept;
        original.Dispose();
    }

    /// <summary>
    /// The Content-Length to read into an array of that size, or null to read in chunks: no length, or the response to
    /// a HEAD request, whose Content-Length describes a body that is never sent.
    /// </summary>
    private static long? DeclaredLength(HttpResponseMessage response)
        => response.RequestMessage?.Method == HttpMethod.Head ? null : response.Content.Headers.ContentLength;

    private static ResponseFormatException TooLarge(HttpResponseMessage response, int maxBytes, string? fixedLimit) => new(
        $"The response to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} (HTTP {(int)response.StatusCode}) is larger than " +
        (fixedLimit is null
            ? $"MaxResponseBodyBytes ({maxBytes} bytes). Raise ClientOptions.MaxResponseBodyBytes, or download files with DownloadAsync, which streams."
            : $"{maxBytes} bytes, a fixed cap that no setting changes: {fixedLimit}"), null);
}
