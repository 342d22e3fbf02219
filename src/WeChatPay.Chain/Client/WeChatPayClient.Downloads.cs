using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Chaining;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain;

public sealed partial class WeChatPayClient
{
    private const int FileBufferSize = 81920;
    private static readonly string[] SupportedHashTypes = ["SHA1", "SHA256"];

    /// <summary>
    /// Downloads a file — a bill's <c>download_url</c>, a complaint image (<c>v3/merchant-service/images/{media_id}</c>) —
    /// with a signed GET, streaming it to <paramref name="destination"/> without holding it in memory. Unsigned downloads
    /// are checked by their digest instead (<see cref="DownloadOptions.HashValue"/>); signed responses are verified as usual.
    /// <see cref="ClientOptions.Timeout"/> bounds the wait for the answer's head and then each wait for more of the body,
    /// so a long download that keeps arriving completes and one that stalls times out.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download.</exception>
    public async Task<DownloadResult> DownloadAsync(string urlOrPath, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var download = new FileDownload(DownloadUri(urlOrPath), options);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(download.Request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FailureOf(e, download.Request, cancellationToken) is { } failure)
        {
            throw failure;
        }

        using (response)
        {
            PipelineState.RequireSignedAndChecked(download.Request);
            if (!response.IsSuccessStatusCode) throw new ApiException(WeChatPayResponses.From(response, await ErrorBodyAsync(response, download.Request, cancellationToken).ConfigureAwait(false)));
            using var deadline = new ReadDeadline(response, _http.Timeout, cancellationToken);
            long length;
            try
            {
                using var body = download.Unpack(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
                length = await download.CopyAsync(body, destination, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw download.NotGzip(e);
            }
            return download.Finish(response, length);
        }
    }

    /// <summary>
    /// The synchronous form of <see cref="DownloadAsync"/>, with the same checks, streaming and errors. On .NET 10 it
    /// sends with the synchronous <c>HttpClient.Send</c> and copies with synchronous reads and writes, never blocking on
    /// a task; on netstandard2.0, which has no synchronous send, it waits for the asynchronous form on a thread-pool thread.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download.</exception>
    public DownloadResult Download(string urlOrPath, Stream destination, DownloadOptions? options = null)
        => DownloadSynchronously(urlOrPath, destination, options);

#if NET
    private DownloadResult DownloadSynchronously(string urlOrPath, Stream destination, DownloadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var download = new FileDownload(DownloadUri(urlOrPath), options);
        HttpResponseMessage response;
        try
        {
            response = _http.Send(download.Request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception e) when (FailureOf(e, download.Request, CancellationToken.None) is { } failure)
        {
            throw failure;
        }

        using (response)
        {
            PipelineState.RequireSignedAndChecked(download.Request);
            if (!response.IsSuccessStatusCode) throw new ApiException(WeChatPayResponses.From(response, ErrorBody(response, download.Request)));
            using var deadline = new ReadDeadline(response, _http.Timeout, CancellationToken.None);
            long length;
            try
            {
                using var body = download.Unpack(response.Content.ReadAsStream());
                length = download.Copy(body, destination, deadline);
            }
            catch (InvalidDataException e)
            {
                throw download.NotGzip(e);
            }
            return download.Finish(response, length);
        }
    }

    /// <summary>The synchronous form of <see cref="ErrorBodyAsync"/>.</summary>
    private byte[] ErrorBody(HttpResponseMessage response, HttpRequestMessage request)
    {
        if (PipelineState.ReceivedBy(response) is { } read) return read;
        try
        {
            using var timeout = new CancellationTokenSource(_http.Timeout);
            try
            {
                return PipelineState.ReadResponse(response, _maxBodyBytes, timeout.Token);
            }
            catch (OperationCanceledException e)
            {
                throw new TimeoutException("The response body did not arrive within Timeout.", e);
            }
        }
        catch (Exception e) when (FailureOf(e, request, CancellationToken.None) is { } failure)
        {
            throw failure;
        }
    }
#else
    // netstandard2.0 has no synchronous HttpClient.Send: wait for the async form on a pool thread, outside any
    // synchronisation context the caller runs in (ASP.NET on .NET Framework), so the wait cannot deadlock.
    private DownloadResult DownloadSynchronously(string urlOrPath, Stream destination, DownloadOptions? options)
        => Task.Run(() => DownloadAsync(urlOrPath, destination, options, CancellationToken.None)).GetAwaiter().GetResult();
#endif

    /// <summary>The body of an error answer, read under the size cap and within <see cref="ClientOptions.Timeout"/>.</summary>
    private async Task<byte[]> ErrorBodyAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (PipelineState.ReceivedBy(response) is { } read) return read;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_http.Timeout);
            try
            {
                return await PipelineState.ReadResponseAsync(response, _maxBodyBytes, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The response body did not arrive within Timeout.", e);
            }
        }
        catch (Exception e) when (FailureOf(e, request, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>
    /// <see cref="DownloadAsync"/> into a file, written under a temporary name and moved into place only once the
    /// digest has checked out, so a failed download never leaves a file that looks complete.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <param name="cancellationToken">Cancels the download; the file is then left as it was.</param>
    public async Task<DownloadResult> DownloadToFileAsync(string urlOrPath, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        var partial = PartialFileFor(path);
        try
        {
            DownloadResult result;
            using (var file = CreatePartialFile(partial, useAsync: true))
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
    /// The synchronous form of <see cref="DownloadToFileAsync"/>: <see cref="Download"/> into a file that appears only
    /// once complete and correct. On netstandard2.0 it waits for the asynchronous form on a thread-pool thread.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Digest and unpacking.</param>
    public DownloadResult DownloadToFile(string urlOrPath, string path, DownloadOptions? options = null)
    {
#if NET
        var partial = PartialFileFor(path);
        try
        {
            DownloadResult result;
            using (var file = CreatePartialFile(partial, useAsync: false))
            {
                result = Download(urlOrPath, file, options);
                file.Flush();
            }
            File.Move(partial, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(partial);
        }
#else
        return Task.Run(() => DownloadToFileAsync(urlOrPath, path, options, CancellationToken.None)).GetAwaiter().GetResult();
#endif
    }

    /// <summary>A name beside <paramref name="path"/> that no other download picks.</summary>
    private static string PartialFileFor(string path) => $"{path}.{Nonce.Create(8)}.partial";

    private static FileStream CreatePartialFile(string partial, bool useAsync)
        => new(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileBufferSize, useAsync);

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
        var (url, options) = BillDownload(bill, gunzip);
        return DownloadAsync(url, destination, options, cancellationToken);
    }

    /// <summary>
    /// The synchronous form of <see cref="DownloadBillAsync"/>: follows the bill's <c>download_url</c> with
    /// <see cref="Download"/> and checks <c>hash_type</c>/<c>hash_value</c> over the (unpacked) file.
    /// </summary>
    /// <param name="bill">The verified response of the bill request.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <exception cref="ResponseFormatException">
    /// The response has no <c>download_url</c>, no <c>hash_type</c> or <c>hash_value</c>, or names a digest other than
    /// SHA1 or SHA256. Nothing is downloaded.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The file's digest does not match <c>hash_value</c>.</exception>
    public DownloadResult DownloadBill(WeChatPayResponse bill, Stream destination, bool gunzip = false)
    {
        var (url, options) = BillDownload(bill, gunzip);
        return Download(url, destination, options);
    }

    /// <summary>Where a bill response points and how to check what is there; refuses a response that cannot be checked.</summary>
    private static (string Url, DownloadOptions Options) BillDownload(WeChatPayResponse bill, bool gunzip)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var url = BillField(bill, "download_url");
        var hashType = BillField(bill, "hash_type");
        if (!SupportedHashTypes.Contains(hashType, StringComparer.OrdinalIgnoreCase))
            throw new ResponseFormatException($"{bill} names the digest hash_type \"{hashType}\"; only SHA1 and SHA256 are known, so the bill cannot be checked and is not downloaded.", null);
        return (url, new DownloadOptions
        {
            HashType = hashType,
            HashValue = BillField(bill, "hash_value"),
            Gunzip = gunzip,
        });
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
        var relative = !urlOrPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !urlOrPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        var uri = VerbatimUri.Create(relative ? _baseUri + urlOrPath.TrimStart('/') : urlOrPath);
        if (!relative && !string.Equals(uri.GetLeftPart(UriPartial.Authority), BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            throw new RequestOptionsException($"The download URL's host {uri.Host} is not {BaseUri.Host}; the client signs requests only for its own API host.");
        // Whether the answer must be signed is judged by this path: one a server would resolve elsewhere is not sent.
        UriTemplate.RefuseDotSegments(uri.AbsolutePath);
        return uri;
    }
}
