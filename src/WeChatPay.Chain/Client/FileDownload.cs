using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// One file download, the part its synchronous and asynchronous forms share: the signed GET, the optional gunzip, the
/// digest over what is written, the copy loop around one read at a time, and the checked result. The forms differ only
/// in the calls that send, read and write.
/// </summary>
internal sealed class FileDownload : IDisposable
{
    /// <summary>The buffer for copying a download, and for the file it is written to.</summary>
    internal const int CopyBufferSize = 81920;

    private readonly DownloadOptions _options;
    private readonly IncrementalHash? _hash;

    /// <exception cref="RequestOptionsException">The options name a digest that is not supported, or a value without its type.</exception>
    public FileDownload(Uri uri, DownloadOptions? options)
    {
        _options = options ?? new DownloadOptions();
        _hash = DigestOf(_options);
        Request = new HttpRequestMessage(HttpMethod.Get, uri);
        Request.Headers.TryAddWithoutValidation("Accept", "*/*");
        Request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        PipelineState.Attach(Request, []);
    }

    /// <summary>The GET to send; the pipeline signs it.</summary>
    public HttpRequestMessage Request { get; }

    /// <summary>The body as it is to be written: unpacked when <see cref="DownloadOptions.Gunzip"/> is set.</summary>
    public Stream Unpack(Stream body) => _options.Gunzip ? new GZipStream(body, CompressionMode.Decompress) : body;

    /// <summary>The error for a body that <see cref="DownloadOptions.Gunzip"/> expected to be gzip and was not.</summary>
    public ResponseFormatException NotGzip(InvalidDataException e)
        => new($"GET {Request.RequestUri!.AbsolutePath} is not gzip data; leave Gunzip off for files requested without tar_type=GZIP.", e);

    /// <summary>Checks the digest of what was written, and describes it.</summary>
    /// <exception cref="ResponseVerificationException">The digest is not <see cref="DownloadOptions.HashValue"/>.</exception>
    public DownloadResult Finish(HttpResponseMessage response, long length)
    {
        var digest = _hash is null ? null : Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (_options.HashValue is { } expected && !string.Equals(expected, digest, StringComparison.OrdinalIgnoreCase))
            throw new ResponseVerificationException(VerificationFailure.DigestMismatch,
                $"The downloaded file's {_options.HashType} is {digest}, not the {expected} WeChat Pay announced: it was altered or cut short. Discard it and download again.");
        return new DownloadResult(length, digest, response.Headers.TryGetValues(WeChatPayHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null);
    }

#if NET
    /// <summary>The synchronous form of <see cref="CopyAsync"/>.</summary>
    public long Copy(Stream source, Stream destination, ReadDeadline deadline)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    deadline.Start();
                    read = source.Read(buffer, 0, CopyBufferSize);
                }
                catch (Exception e) when (ReadFailure(e, deadline, CancellationToken.None) is { } failure)
                {
                    throw failure;
                }
                finally
                {
                    deadline.Stop();
                }
                if (read == 0) return Ended(total, deadline);
                _hash?.AppendData(buffer, 0, read);
                destination.Write(buffer, 0, read);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
#endif

    /// <summary>
    /// Copies and hashes, one buffer at a time. A failure reading the connection is a transport error — a timeout when a
    /// read waited past the deadline — and one writing the destination is the caller's.
    /// </summary>
    public async Task<long> CopyAsync(Stream source, Stream destination, ReadDeadline deadline, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    deadline.Start();
                    read = await source.ReadAsync(buffer, 0, CopyBufferSize, deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (ReadFailure(e, deadline, cancellationToken) is { } failure)
                {
                    throw failure;
                }
                finally
                {
                    deadline.Stop();
                }
                if (read == 0) return Ended(total, deadline);
                _hash?.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The library's exception for a failed read: a timeout when the deadline closed the response under it (unless the
    /// caller cancelled, which passes as cancellation), otherwise as for any call. Gzip data the closing cut off may be
    /// reported as invalid: once the deadline has passed, that too is the timeout, not data that is not gzip.
    /// </summary>
    private WeChatPayException? ReadFailure(Exception e, ReadDeadline deadline, CancellationToken cancellationToken)
        => deadline.Passed && !cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException or InvalidDataException
            ? TimedOut(deadline, e)
            : WeChatPayClient.FailureOf(e, Request, cancellationToken);

    /// <summary>
    /// The length copied, once the body has ended — unless the deadline closed the response, which a stream can report
    /// as an ordinary end: that is a timeout, never a complete file.
    /// </summary>
    private long Ended(long total, ReadDeadline deadline) => deadline.Passed ? throw TimedOut(deadline, null) : total;

    private WeChatPayException TimedOut(ReadDeadline deadline, Exception? e)
        => WeChatPayClient.FailureOf(new TimeoutException($"No more of the body arrived within {deadline.Limit.TotalSeconds:0.###} s (Timeout).", e), Request, CancellationToken.None)!;

    /// <summary>The digests a download can be checked by, under the names WeChat Pay gives them in <c>hash_type</c>.</summary>
    private static readonly (string Name, HashAlgorithmName Algorithm)[] Digests = [("SHA1", HashAlgorithmName.SHA1), ("SHA256", HashAlgorithmName.SHA256)];

    /// <summary>The digests a download can be checked by, for messages: "SHA1 and SHA256".</summary>
    public static string KnownDigests { get; } = string.Join(" and ", Digests.Select(d => d.Name));

    /// <summary>Whether <paramref name="hashType"/> (any case) names a digest a download can be checked by.</summary>
    public static bool Knows(string hashType) => AlgorithmFor(hashType) is not null;

    private static HashAlgorithmName? AlgorithmFor(string hashType)
    {
        foreach (var (name, algorithm) in Digests)
            if (string.Equals(name, hashType, StringComparison.OrdinalIgnoreCase)) return algorithm;
        return null;
    }

    private static IncrementalHash? DigestOf(DownloadOptions options)
    {
        if (options.HashType is not { } hashType)
            return options.HashValue is null ? null : throw new RequestOptionsException($"DownloadOptions.HashValue is set without HashType; name its digest ({KnownDigests} are supported).");
        return AlgorithmFor(hashType) is { } algorithm
            ? IncrementalHash.CreateHash(algorithm)
            : throw new RequestOptionsException($"The hash type {hashType} is not supported; {KnownDigests} are.");
    }

    /// <summary>Releases the request and the digest.</summary>
    public void Dispose()
    {
        Request.Dispose();
        _hash?.Dispose();
    }
}
