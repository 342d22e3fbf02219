using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// What one file download adds to a call: the optional gunzip, the digest over what is written, the copy loop around one
/// read at a time within its own deadline, and the checked result. Written once for both forms.
/// </summary>
internal sealed class FileDownload : IDisposable
{
    /// <summary>The buffer for copying a download, and for the file it is written to.</summary>
    internal const int CopyBufferSize = 81920;

    private readonly DownloadOptions _options;
    private readonly IncrementalHash? _hash;
    private readonly WeChatPayCall _record;

    /// <exception cref="RequestOptionsException">The options name a digest that is not supported, or a value without its type.</exception>
    public FileDownload(DownloadOptions? options, WeChatPayCall record)
    {
        _options = options ?? new DownloadOptions();
        _hash = DigestOf(_options);
        _record = record;
    }

    /// <summary>The body as it is to be written: unpacked when <see cref="DownloadOptions.Gunzip"/> is set.</summary>
    public Stream Unpack(Stream body) => _options.Gunzip ? new GZipStream(body, CompressionMode.Decompress) : body;

    /// <summary>The error for a body that <see cref="DownloadOptions.Gunzip"/> expected to be gzip and was not.</summary>
    public ResponseFormatException NotGzip(InvalidDataException e)
        => new($"{_record.Method} {_record.RequestUri?.AbsolutePath} is not gzip data; leave Gunzip off for files requested without tar_type=GZIP.", e);

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

    /// <summary>
    /// Copies and hashes, one buffer at a time. A failure reading the connection is a transport error — a timeout when a
    /// read waited past the deadline — and one writing the destination is the caller's.
    /// </summary>
    public async ValueTask<long> CopyAsync(bool async, Stream source, Stream destination, ReadDeadline deadline, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                var read = await ReadAsync(async, source, buffer, 0, CopyBufferSize, deadline, cancellationToken).ConfigureAwait(false);
                if (read == 0) return total;
                _hash?.AppendData(buffer, 0, read);
                if (async) await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                else destination.Write(buffer, 0, read);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// For an APIv2 file: reads its first bytes, which tell a file from an XML failure. An XML answer is read whole (at
    /// most <paramref name="maxBytes"/>) and returned; a file is handed back with those bytes put in front again.
    /// </summary>
    /// <exception cref="ResponseFormatException">An XML answer longer than <paramref name="maxBytes"/>.</exception>
    public async ValueTask<(Stream File, byte[]? Xml)> SeparateApiV2Async(bool async, Stream source, int maxBytes, ReadDeadline deadline, CancellationToken cancellationToken)
    {
        var head = new byte[HeadSize];
        var length = 0;
        int read;
        while (length < head.Length && (read = await ReadAsync(async, source, head, length, head.Length - length, deadline, cancellationToken).ConfigureAwait(false)) > 0) length += read;
        if (!ApiV2Xml.LooksLikeXml(head.AsSpan(0, length))) return (new ReplayStream(head, length, source), null);

        using var xml = new MemoryStream();
        xml.Write(head, 0, length);
        var buffer = new byte[HeadSize * 16];
        while ((read = await ReadAsync(async, source, buffer, 0, buffer.Length, deadline, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (xml.Length + read > maxBytes)
                throw new ResponseFormatException($"{_record.Method} {_record.RequestUri?.AbsolutePath} answered XML, not a file, longer than MaxResponseBodyBytes ({maxBytes} bytes); an APIv2 failure is a few hundred.", null);
            xml.Write(buffer, 0, read);
        }
        return (source, xml.ToArray());
    }

    /// <summary>How many first bytes tell an APIv2 file from an XML answer: enough for white space, a byte order mark and the <c>&lt;</c>.</summary>
    private const int HeadSize = 64;

    /// <summary>
    /// One read within <paramref name="deadline"/>. The deadline may close the response in a way a stream reports as an
    /// ordinary end: that is a timeout, never the end of a complete file.
    /// </summary>
    private async ValueTask<int> ReadAsync(bool async, Stream source, byte[] buffer, int offset, int count, ReadDeadline deadline, CancellationToken cancellationToken)
    {
        int read;
        try
        {
            deadline.Start();
            read = async ? await source.ReadAsync(buffer, offset, count, deadline.Token).ConfigureAwait(false) : source.Read(buffer, offset, count);
        }
        catch (Exception e) when (ReadFailure(e, deadline, cancellationToken, !async) is { } failure)
        {
            throw failure;
        }
        finally
        {
            deadline.Stop();
        }
        return read == 0 && deadline.Passed ? throw TimedOut(deadline, null, !async) : read;
    }

    /// <summary>
    /// The library's exception for a failed read: a timeout when the deadline closed the response under it (unless the
    /// caller cancelled, which passes as cancellation), otherwise as for any call. Gzip data the closing cut off may be
    /// reported as invalid: once the deadline has passed, that too is the timeout, not data that is not gzip. Null lets
    /// the exception pass as it is.
    /// </summary>
    private Exception? ReadFailure(Exception e, ReadDeadline deadline, CancellationToken cancellationToken, bool synchronous)
    {
        if (deadline.Passed && !cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException or InvalidDataException)
            return TimedOut(deadline, e, synchronous);
        var failure = CallFailures.Translate(e, _record, cancellationToken, timedOut: false, synchronous);
        return ReferenceEquals(failure, e) ? null : failure;
    }

    private Exception TimedOut(ReadDeadline deadline, Exception? e, bool synchronous)
        => CallFailures.Translate(new TimeoutException($"No more of the body arrived within {deadline.Limit.TotalSeconds:0.###} s (Timeout).", e), _record, CancellationToken.None, timedOut: true, synchronous);

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

    /// <summary>Releases the digest.</summary>
    public void Dispose() => _hash?.Dispose();
}
