using System.Text;

namespace WeChatPay.Chain.Compatibility;

/// <summary>The stream, HTTP content, encoding and file members .NET 10 has and netstandard2.0 lacks.</summary>
internal static class IoExtensions
{
    extension(Stream stream)
    {
        /// <summary>Writes all of <paramref name="bytes"/>.</summary>
        public void Write(byte[] bytes) => stream.Write(bytes, 0, bytes.Length);
    }

    extension(HttpContent content)
    {
        /// <summary>
        /// The body as a stream, waited for: netstandard2.0 has no synchronous read. Called only on a thread with no
        /// synchronisation context (see Client/Synchronously.cs), so the wait cannot deadlock.
        /// </summary>
        public Stream ReadAsStream(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStreamAsync().GetAwaiter().GetResult();
        }

        /// <summary>The body as a stream; the token is checked before, as netstandard2.0 cannot pass it on.</summary>
        public Task<Stream> ReadAsStreamAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStreamAsync();
        }
    }

    extension(HttpMessageInvoker invoker)
    {
        /// <summary>
        /// Sends and waits for the answer: netstandard2.0 has no synchronous send, so a synchronous call waits for the
        /// asynchronous one, on a thread with no synchronisation context (see Client/Synchronously.cs).
        /// </summary>
        public HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
            => invoker.SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }

    extension(Encoding encoding)
    {
        /// <summary>Encodes <paramref name="text"/> into <paramref name="destination"/> and returns the bytes written.</summary>
        public int GetBytes(string text, Span<byte> destination)
        {
            var bytes = encoding.GetBytes(text);
            bytes.CopyTo(destination);
            return bytes.Length;
        }

        /// <summary>Encodes <paramref name="chars"/> into <paramref name="destination"/> and returns the bytes written.</summary>
        public int GetBytes(ReadOnlySpan<char> chars, Span<byte> destination)
        {
            var bytes = encoding.GetBytes(chars.ToArray());
            bytes.CopyTo(destination);
            return bytes.Length;
        }
    }

    extension(File)
    {
        /// <summary>Moves a file, replacing <paramref name="destination"/> when <paramref name="overwrite"/>.</summary>
        public static void Move(string source, string destination, bool overwrite)
        {
            if (overwrite && File.Exists(destination)) File.Delete(destination);
            File.Move(source, destination);
        }
    }

    extension(HttpMethod)
    {
        /// <summary>The PATCH method.</summary>
        public static HttpMethod Patch => PatchMethod;
    }

    extension(Task)
    {
        /// <summary>A delay measured by <paramref name="time"/>.</summary>
        public static Task Delay(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken) => time.Delay(delay, cancellationToken);
    }

    extension(Random)
    {
        /// <summary>A generator for this thread (netstandard2.0's <see cref="Random"/> is not thread-safe).</summary>
        public static Random Shared => _random ??= new Random(Guid.NewGuid().GetHashCode());
    }

    private static readonly HttpMethod PatchMethod = new("PATCH");

    [ThreadStatic] private static Random? _random;
}
