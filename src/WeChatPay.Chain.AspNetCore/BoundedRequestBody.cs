using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace WeChatPay.Chain.AspNetCore;

/// <summary>
/// Reads a request body as the exact bytes received, up to a limit. The signature covers these bytes; anything that
/// parses and re-serialises the JSON first (model binding, <c>ReadFromJsonAsync</c>) changes them and fails verification.
/// </summary>
internal static class BoundedRequestBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (declared or actually sent).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? ChunkSize, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit) return null;
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return body.ToArray();
    }
}
