using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// What one file download adds to a call: the optional gunzip and its bound, the digest over what is written, the copy
/// loop around one read at a time within its own deadline, and the checked result. Written once for both forms.
/// </summary>
internal sealed class FileDownload : IDisposable
{
    /// <summary>The buffer for copying a download, and for the file it is written to.</summary>
    internal const int CopyBufferSize = 81920;

    /// <summary>How many unpacked bytes a gzip download may always write, whatever its ratio: 16 MiB.</summary>
    internal const long GunzipAllowance = 16 * 1024 * 1024;

    private readonly DownloadOptions _options;
    private readonly IncrementalHash? _hash;
    private readonly WeChatPayCall _record;
    private readonly int _maxGunzipRatio;
    private CountedStream? _packed;

    /// <param name="options">The digest and unpacking asked for; null for none.</param>
    /// <param name="record">The record of the call, for messages.</param>
    /// <param name="maxGunzipRatio">How many times the gzip bytes read an unpacked download may grow past <see cref="GunzipAllowance"/>.</param>
    /// <exception cref="RequestOptionsException">The options name a digest that is not supported, or a value without its type.</exception>
    public FileDownload(DownloadOptions? options, WeChatPayCall record, int maxGunzipRatio)
    {
        _options = options ?? new DownloadOptions();
        _hash = DigestOf(_options);
        _record = record;
        _maxGunzipRatio = maxGunzipRatio;
    }

    /// <summary>How many bytes have been written to the destination so far.</summary>
    public long Written { get; private set; }

    /// <summary>
    /// The body as it is to be written: unpacked when <see cref="DownloadOptions.Gunzip"/> is set, with the gzip bytes
    /// read counted for the bound on what they unpack to.
    /// </summary>
    public Stream Unpack(Stream body) => _options.Gunzip ? new GZipStream(_packed = new CountedStream(body), CompressionMode.Decompress) : body;

    /// <summary>The error for a body that <see cref="DownloadOptions.Gunzip"/> expected to be gzip and was not.</summary>
    public ResponseFormatException NotGzip(InvalidDataException e)
        => new($"{_record.Method} {ShownTarget.Of(_record.RequestTarget)} is not gzip data; leave Gunzip off for files requested without tar_type=GZIP.", e);

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
    /// read waited past the deadline — and one writing the destination is the caller's. Unpacked bytes that would take
    /// the file past its bound are not written.
    /// </summary>
    /// <exception cref="ResponseFormatException">A gzip download unpacks to more than <see cref="ClientOptions.MaxGunzipRatio"/> allows.</exception>
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
                if (_packed is { } packed && total + read > UnpackedBound(packed.Count)) throw UnpacksTooFar(packed.Count);
                _hash?.AppendData(buffer, 0, read);
                if (async) await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                else destination.Write(buffer, 0, read);
                Written = total += read;
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
                throw new ResponseFormatException($"{_record.Method} {ShownTarget.Of(_record.RequestTarget)} answered XML, not a file, longer than MaxResponseBodyBytes ({maxBytes} bytes); an APIv2 failure is a few hundred.", null);
            xml.Write(buffer, 0, read);
        }
        return (source, xml.ToArray());
    }

    /// <summary>
    /// How many unpacked bytes <paramref name="packed"/> gzip bytes may give: <see cref="GunzipAllowance"/>, or
    /// <see cref="ClientOptions.MaxGunzipRatio"/> times as many when that is more.
    /// </summary>
    private long UnpackedBound(long packed)
        => Math.Max(GunzipAllowance, packed > long.MaxValue / _maxGunzipRatio ? long.MaxValue : packed * _maxGunzipRatio);

    private ResponseFormatException UnpacksTooFar(long packed) => new(
        $"{_record.Method} {ShownTarget.Of(_record.RequestTarget)} unpacks to more than MaxGunzipRatio ({_maxGunzipRatio}) times the " +
        $"{Count(packed)} gzip bytes read so far, past the {Count(GunzipAllowance)} always allowed: a decompression bomb, or a file far " +
        $"more compressible than a bill. The download was stopped with {Count(Written)} bytes written to the destination; discard them. " +
        $"If the file is genuine, raise ClientOptions.MaxGunzipRatio.", null);

    /// <summary>A count of bytes for messages: 16,777,216.</summary>
    private static string Count(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);

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
        if (read == 0 && cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
        return read == 0 && deadline.Passed ? throw TimedOut(deadline, null, !async) : read;
    }

    /// <summary>
    /// The library's exception for a failed read: cancellation when the caller cancelled (which closes the response
    /// under a synchronous read), a timeout when a deadline closed it, otherwise as for any call. Gzip data the closing
    /// cut off may be reported as invalid: once the deadline has passed, that too is the timeout, not data that is not
    /// gzip. Null lets the exception pass as it is.
    /// </summary>
    private Exception? ReadFailure(Exception e, ReadDeadline deadline, CancellationToken cancellationToken, bool synchronous)
    {
        var closed = e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException or InvalidDataException;
        if (closed && cancellationToken.IsCancellationRequested)
            return e is OperationCanceledException ? null : new OperationCanceledException("The download was cancelled.", e, cancellationToken);
        if (closed && deadline.Passed) return TimedOut(deadline, e, synchronous);
        var failure = CallFailures.Translate(e, _record, cancellationToken, timedOut: false, synchronous);
        return ReferenceEquals(failure, e) ? null : failure;
    }

    /// <summary>
    /// The timeout that ended a read: the whole download past <see cref="ClientOptions.DownloadTimeout"/>, saying how
    /// much of it had been written, or one read waiting past <see cref="ClientOptions.Timeout"/>.
    /// </summary>
    private Exception TimedOut(ReadDeadline deadline, Exception? e, bool synchronous)
    {
        if (!deadline.WholePassed)
            return CallFailures.Translate(new TimeoutException($"No more of the body arrived within {Seconds(deadline.Limit)} (Timeout).", e), _record, CancellationToken.None, timedOut: true, synchronous);
        var failure = new TransportException(
            $"{_record.Method} {ShownTarget.Of(_record.RequestTarget)} did not finish within DownloadTimeout ({Seconds(deadline.WholeLimit)}): " +
            $"{Count(Written)} bytes had been written to the destination when it was stopped; discard them (a download to a file leaves no file). " +
            "A download changes nothing at WeChat Pay: repeat it, and raise ClientOptions.DownloadTimeout if the file is large and the link slow.",
            isTimeout: true, e);
        CallFailures.Attach(failure, _record);
        return failure;
    }

    /// <summary>A limit for messages: 1.5 s, 600 s.</summary>
    private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

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

    /// <summary>A read-only stream that counts the bytes read through it: the gzip bytes of a download, as they arrive.</summary>
    private sealed class CountedStream(Stream inner) : ReadOnlyStream(inner)
    {
        /// <summary>Bytes read so far.</summary>
        public long Count { get; private set; }

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count) => Counted(Inner.Read(buffer, offset, count));

        /// <inheritdoc />
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Counted(await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        private int Counted(int read)
        {
            Count += read;
            return read;
        }
    }
}
