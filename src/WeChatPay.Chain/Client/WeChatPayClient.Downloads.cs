using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain;

public sealed partial class WeChatPayClient
{
    private const int CopyBufferSize = 81920;
    private static readonly string[] SupportedHashTypes = ["SHA1", "SHA256"];

    /// <summary>
    /// Downloads a file — a bill's <c>download_url</c>, a complaint image (<c>v3/merchant-service/images/{media_id}</c>) —
    /// with a signed GET, streaming it to <paramref name="destination"/> without holding it in memory. Unsigned downloads
    /// are checked by their digest instead (<see cref="DownloadOptions.HashValue"/>); signed responses are verified as usual.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed before or during the download.</exception>
    public async Task<DownloadResult> DownloadAsync(string urlOrPath, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        options ??= new DownloadOptions();
        using var hash = DigestOf(options);
        using var request = new HttpRequestMessage(HttpMethod.Get, DownloadUri(urlOrPath));
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
        PipelineState.Attach(request, []);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FailureOf(e, request, cancellationToken) is { } failure)
        {
            throw failure;
        }

        using (response)
        {
            PipelineState.RequireSignedAndChecked(request);
            if (!response.IsSuccessStatusCode)
            {
                var body = PipelineState.ReceivedBy(response) ?? await PipelineState.ReadResponseAsync(response, _maxBodyBytes, cancellationToken).ConfigureAwait(false);
                throw new ApiException(WeChatPayResponses.From(response, body));
            }
            long length;
            try
            {
                var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                using var unpacked = options.Gunzip ? new GZipStream(source, CompressionMode.Decompress) : source;
                length = await CopyAsync(unpacked, destination, hash, request, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new ResponseFormatException($"GET {request.RequestUri!.AbsolutePath} is not gzip data; leave Gunzip off for files requested without tar_type=GZIP.", e);
            }

            var digest = hash is null ? null : Convert.ToHexStringLower(hash.GetHashAndReset());
            if (options.HashValue is { } expected && !string.Equals(expected, digest, StringComparison.OrdinalIgnoreCase))
                throw new ResponseVerificationException(VerificationFailure.DigestMismatch,
                    $"The downloaded file's {options.HashType} is {digest}, not the {expected} WeChat Pay announced: it was altered or cut short. Discard it and download again.");
            return new DownloadResult(length, digest, response.Headers.TryGetValues(WechatpayHeaders.RequestId, out var ids) ? ids.FirstOrDefault() : null);
        }
    }

    /// <summary>
    /// <see cref="DownloadAsync"/> into a file, written under a temporary name and moved into place only once the
    /// digest has checked out, so a failed download never leaves a file that looks complete.
    /// </summary>
    public async Task<DownloadResult> DownloadToFileAsync(string urlOrPath, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var partial = $"{path}.{Nonce.Create(8)}.partial";
        try
        {
            DownloadResult result;
            using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                result = await DownloadAsync(urlOrPath, file, options, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(partial, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Downloads a bill from the response of <c>v3/bill/tradebill</c> or <c>v3/bill/fundflowbill</c>: follows its
    /// <c>download_url</c> and checks <c>hash_type</c>/<c>hash_value</c> over the (unpacked) file.
    /// </summary>
    /// <param name="bill">The verified response of the bill request.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ResponseFormatException">
    /// The response has no <c>download_url</c>, no <c>hash_type</c> or <c>hash_value</c>, or names a digest other than
    /// SHA1 or SHA256. Nothing is downloaded: a bill that cannot be checked is not handed over as if it had been.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The file's digest does not match <c>hash_value</c>.</exception>
    public Task<DownloadResult> DownloadBillAsync(WeChatPayResponse bill, Stream destination, bool gunzip = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var url = BillField(bill, "download_url");
        var hashType = BillField(bill, "hash_type");
        if (!SupportedHashTypes.Contains(hashType, StringComparer.OrdinalIgnoreCase))
            throw new ResponseFormatException($"{bill} names the digest hash_type \"{hashType}\"; only SHA1 and SHA256 are known, so the bill cannot be checked and is not downloaded.", null);
        return DownloadAsync(url, destination, new DownloadOptions
        {
            HashType = hashType,
            HashValue = BillField(bill, "hash_value"),
            Gunzip = gunzip,
        }, cancellationToken);
    }

    /// <summary>
    /// A field every bill response carries. WeChat Pay always sends the digest with the link, so a response without it
    /// is refused rather than downloaded unchecked; to fetch a file without a digest, call <see cref="DownloadAsync"/>.
    /// </summary>
    private static string BillField(WeChatPayResponse bill, string name)
        => (bill.Json as JObject)?[name] is JValue { Type: JTokenType.String } value && (string)value! is { Length: > 0 } text
            ? text
            : throw new ResponseFormatException($"{bill} has no {name}, which every bill response carries; is it the response of v3/bill/tradebill or v3/bill/fundflowbill? (To download a file without a digest check, call DownloadAsync.)", null);

    private Uri DownloadUri(string urlOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urlOrPath);
        if (!urlOrPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !urlOrPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return VerbatimUri.Create(_baseUri + urlOrPath.TrimStart('/'));
        var uri = VerbatimUri.Create(urlOrPath);
        if (!string.Equals(uri.GetLeftPart(UriPartial.Authority), BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            throw new RequestOptionsException($"The download URL's host {uri.Host} is not {BaseUri.Host}; the client signs requests only for its own API host.");
        return uri;
    }

    private static IncrementalHash? DigestOf(DownloadOptions options) => options.HashType?.ToUpperInvariant() switch
    {
        null when options.HashValue is null => null,
        null => throw new RequestOptionsException("DownloadOptions.HashValue is set without HashType (SHA1 or SHA256)."),
        "SHA1" => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        "SHA256" => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        _ => throw new RequestOptionsException($"The hash type {options.HashType} is not supported; SHA1 and SHA256 are."),
    };

    /// <summary>Copies and hashes; a failure reading the connection is a transport error, one writing the destination is the caller's.</summary>
    private static async Task<long> CopyAsync(Stream source, Stream destination, IncrementalHash? hash, HttpRequestMessage request, CancellationToken cancellationToken)
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
                    read = await source.ReadAsync(buffer, 0, CopyBufferSize, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (FailureOf(e, request, cancellationToken) is { } failure)
                {
                    throw failure;
                }
                if (read == 0) break;
                hash?.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
