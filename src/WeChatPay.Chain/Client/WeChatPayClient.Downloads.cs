using System.Diagnostics;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

public sealed partial class WeChatPayClient
{
    /// <summary>
    /// Downloads a file — a bill's <c>download_url</c>, a complaint image (<c>v3/merchant-service/images/{media_id}</c>) —
    /// with a signed GET, streaming it to <paramref name="destination"/> without holding it in memory. Unsigned downloads
    /// are checked by their digest instead (<see cref="DownloadOptions.HashValue"/>); signed responses are verified as usual.
    /// <see cref="ClientOptions.Timeout"/> bounds the wait for the answer's head and then each wait for more of the body,
    /// so a long download that keeps arriving completes and one that stalls times out; <see cref="ClientOptions.DownloadTimeout"/>
    /// (10 minutes unless set) bounds the whole download, so one that arrives a trickle at a time ends too.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="urlOrPath"/> is empty, not a valid URL, on another host or holds a dot segment; or the options
    /// name an unsupported digest. Nothing is sent.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ResponseFormatException"><see cref="DownloadOptions.Gunzip"/> is set and the file is not gzip data, or unpacks past <see cref="ClientOptions.MaxGunzipRatio"/>.</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download, or the download outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    public Task<DownloadResult> DownloadAsync(string urlOrPath, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
        => DownloadAsync(async: true, HttpMethod.Get, () => (Get(DownloadUri(urlOrPath)), options), destination, cancellationToken).AsTask();

    /// <summary>
    /// The synchronous form of <see cref="DownloadAsync(string, Stream, DownloadOptions?, CancellationToken)"/>, with the
    /// same checks, streaming and errors. On .NET 10 it sends with the transport's synchronous <c>Send</c> and copies with
    /// synchronous reads and writes, never blocking on a task; on netstandard2.0, which has no synchronous send, it waits
    /// for the asynchronous one.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="urlOrPath"/> is empty, not a valid URL, on another host or holds a dot segment; or the options
    /// name an unsupported digest. Nothing is sent.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ResponseFormatException"><see cref="DownloadOptions.Gunzip"/> is set and the file is not gzip data, or unpacks past <see cref="ClientOptions.MaxGunzipRatio"/>.</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download, or the download outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    public DownloadResult Download(string urlOrPath, Stream destination, DownloadOptions? options)
        => Download(urlOrPath, destination, options, CancellationToken.None);

    /// <summary>
    /// <see cref="Download(string, Stream, DownloadOptions?)"/> that <paramref name="cancellationToken"/> can end: it
    /// closes the connection under a read that waits, so a blocked synchronous download ends too.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="destination">Where the bytes go. On a digest mismatch it holds unverified bytes: discard them.</param>
    /// <param name="options">Digest and unpacking; null for neither.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="urlOrPath"/> is empty, not a valid URL, on another host or holds a dot segment; or the options
    /// name an unsupported digest. Nothing is sent.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ResponseFormatException"><see cref="DownloadOptions.Gunzip"/> is set and the file is not gzip data, or unpacks past <see cref="ClientOptions.MaxGunzipRatio"/>.</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed, stalled past the timeout or outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DownloadResult Download(string urlOrPath, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
        => Synchronously.Wait(DownloadAsync(async: false, HttpMethod.Get, () => (Get(DownloadUri(urlOrPath)), options), destination, cancellationToken));

    /// <summary>
    /// <see cref="DownloadAsync(string, Stream, DownloadOptions?, CancellationToken)"/> into a file, written under a
    /// temporary name beside it and moved into place only once the digest has checked out, so a failed download never
    /// leaves a file that looks complete.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <param name="cancellationToken">Cancels the download; the file is then left as it was.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="path"/> is empty or a directory, or no file can be created beside it (a missing directory, no
    /// permission): refused before anything is sent. Also when the file, downloaded and checked, cannot be moved into
    /// place at the end (the path became a directory, or the file is locked or read-only); the temporary file is then
    /// removed. A download changes nothing at WeChat Pay, so it can be repeated to a path that can be written.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download, or the download outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    public Task<DownloadResult> DownloadToFileAsync(string urlOrPath, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default)
        => DownloadToFileAsync(async: true, urlOrPath, path, options, cancellationToken).AsTask();

    /// <summary>
    /// The synchronous form of <see cref="DownloadToFileAsync(string, string, DownloadOptions?, CancellationToken)"/>: a
    /// download into a file that appears only once complete and correct.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Digest and unpacking.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="path"/> is empty or a directory, or no file can be created beside it: refused before anything is
    /// sent. Also when the downloaded and checked file cannot be moved into place at the end; the temporary file is
    /// then removed.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed or stalled past the timeout before or during the download, or the download outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    public DownloadResult DownloadToFile(string urlOrPath, string path, DownloadOptions? options)
        => DownloadToFile(urlOrPath, path, options, CancellationToken.None);

    /// <summary>
    /// <see cref="DownloadToFile(string, string, DownloadOptions?)"/> that <paramref name="cancellationToken"/> can end,
    /// a blocked read included; the file is then left as it was.
    /// </summary>
    /// <param name="urlOrPath">An absolute URL on <see cref="BaseUri"/>'s host, or a path relative to it, used verbatim.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Digest and unpacking; null for neither.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="RequestOptionsException">
    /// <paramref name="path"/> is empty or a directory, or no file can be created beside it: refused before anything is
    /// sent. Also when the downloaded and checked file cannot be moved into place at the end; the temporary file is
    /// then removed.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The digest does not match (<see cref="VerificationFailure.DigestMismatch"/>).</exception>
    /// <exception cref="ApiException">WeChat Pay answered with a status outside 2xx.</exception>
    /// <exception cref="TransportException">The connection failed, stalled past the timeout or outlasted <see cref="ClientOptions.DownloadTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DownloadResult DownloadToFile(string urlOrPath, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default)
        => Synchronously.Wait(DownloadToFileAsync(async: false, urlOrPath, path, options, cancellationToken));

    /// <summary>
    /// One download, written once for both forms: the signed GET and its answer through the call path (a signed answer
    /// is verified there, an error answer read), then an unsigned file streamed to <paramref name="destination"/> one read
    /// at a time, each within the timeout.
    /// </summary>
    /// <param name="async">Whether to wait asynchronously; when false nothing is awaited.</param>
    /// <param name="method">The request's method, for the record before the request is made.</param>
    /// <param name="target">The request for the file and how to check it: made inside the call, so its errors carry the record.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    private async ValueTask<DownloadResult> DownloadAsync(bool async, HttpMethod method, Func<(OutgoingRequest Request, DownloadOptions? Options)> target, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var record = new WeChatPayCall(method.Method, _merchant.Time.GetUtcNow());
        try
        {
            var started = Stopwatch.GetTimestamp();
            var (request, options) = target();
            using var download = new FileDownload(options, record, _merchant.MaxGunzipRatio);
            HttpResponseMessage response;
            byte[]? body;
            // The call's deadline bounds the wait for the answer's head (and a signed or error body read with it); the file
            // itself then streams under a deadline per read, and all of it within DownloadTimeout.
            using (var deadline = new CallDeadline(Shorter(_merchant.Timeout, _merchant.DownloadTimeout), cancellationToken))
            {
                try
                {
                    (response, body, _) = await _pipeline.SendAsync(async, request, record, deadline).ConfigureAwait(false);
                }
                catch (Exception e) when (CallFailures.Translate(e, record, deadline, synchronous: !async) is var failure && !ReferenceEquals(failure, e))
                {
                    throw failure;
                }
            }
            using (response)
            {
                record.Response = new WeChatPayResponse(response, body ?? [], record);
                if (!response.IsSuccessStatusCode) throw new ApiException(record.Response) { Call = record };
                using var reads = new ReadDeadline(response, _merchant.Timeout, Remaining(_merchant.DownloadTimeout, started), _merchant.DownloadTimeout, cancellationToken);
                long length;
                try
                {
                    // A body the response step read (a signed answer) is not read from the response again.
                    var source = body is not null ? new MemoryStream(body, writable: false)
                        : async ? await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false) : response.Content.ReadAsStream(cancellationToken);
                    if (request.Handling == ResponseHandling.ApiV2File) source = await ApiV2FileAsync(async, download, source, reads, record, response, cancellationToken).ConfigureAwait(false);
                    using var stream = download.Unpack(source);
                    length = await download.CopyAsync(async, stream, destination, reads, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw download.NotGzip(e);
                }
                return download.Finish(response, length);
            }
        }
        catch (Exception e)
        {
            CallFailures.Attach(e, record);
            throw;
        }
        finally
        {
            Ended(record);
        }
    }

    /// <summary>The shorter of two limits, either of which may be <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    private static TimeSpan Shorter(TimeSpan a, TimeSpan b)
        => a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;

    /// <summary>What is left of <paramref name="limit"/> since the timestamp <paramref name="started"/>; never negative.</summary>
    private static TimeSpan Remaining(TimeSpan limit, long started)
    {
        if (limit == Timeout.InfiniteTimeSpan) return limit;
        var elapsed = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
        return elapsed >= limit ? TimeSpan.Zero : limit - elapsed;
    }

    /// <summary><see cref="DownloadAsync(bool, HttpMethod, Func{ValueTuple{OutgoingRequest, DownloadOptions}}, Stream, CancellationToken)"/> into a file that appears only once complete and checked.</summary>
    private async ValueTask<DownloadResult> DownloadToFileAsync(bool async, string urlOrPath, string path, DownloadOptions? options, CancellationToken cancellationToken)
    {
        using var file = PartialFile.Beside(path, useAsync: async);
        var result = await DownloadAsync(async, HttpMethod.Get, () => (Get(DownloadUri(urlOrPath)), options), file.Stream, cancellationToken).ConfigureAwait(false);
        await file.PutInPlaceAsync(async, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A GET of <paramref name="uri"/> for a download.</summary>
    private OutgoingRequest Get(Uri uri) => new(HttpMethod.Get, uri, "*/*") { MaxBodyBytes = _merchant.MaxResponseBodyBytes };

    /// <summary>
    /// An APIv2 bill's body: the file, or — when WeChat Pay answered XML instead — its failure as an <see cref="ApiV2Exception"/>.
    /// </summary>
    /// <exception cref="ApiV2Exception">The answer is XML that reports a failure (no bill for that day, a bad sign).</exception>
    /// <exception cref="ResponseFormatException">The answer is XML that reports none, where a file was expected.</exception>
    private async ValueTask<Stream> ApiV2FileAsync(bool async, FileDownload download, Stream body, ReadDeadline reads, WeChatPayCall record, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (file, xml) = await download.SeparateApiV2Async(async, body, _merchant.MaxResponseBodyBytes, reads, cancellationToken).ConfigureAwait(false);
        if (xml is null) return file;
        file.Dispose();
        var fields = ApiV2Xml.Read(xml, $"The answer to {record.Method} {record.RequestUri?.AbsolutePath}");
        record.Response = new WeChatPayResponse(response, xml, record) { ApiV2Fields = fields };
        throw ApiV2Exception.Reports(fields)
            ? new ApiV2Exception(record.Response, fields) { Call = record }
            : new ResponseFormatException($"{record.Response} is an XML message that reports no failure, where a file was expected.", null);
    }

    /// <summary>Where a download goes; refuses, before anything is sent, a URL the client will not sign a request for.</summary>
    /// <exception cref="RequestOptionsException">The URL is empty, malformed, on another host or holds a dot segment.</exception>
    private Uri DownloadUri(string urlOrPath)
    {
        ArgumentNullException.ThrowIfNull(urlOrPath);
        if (string.IsNullOrWhiteSpace(urlOrPath))
            throw new RequestOptionsException($"The download URL is empty; give an https URL on {BaseUri.Host} or a path relative to BaseUri, such as v3/billdownload/file?token=….");
        var relative = !urlOrPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !urlOrPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        Uri uri;
        try
        {
            uri = VerbatimUri.Create(relative ? _merchant.BaseUriText + urlOrPath.TrimStart('/') : urlOrPath);
        }
        catch (UriFormatException e)
        {
            // The message leaves the URL out: a bill's download_url carries its download token.
            throw new RequestOptionsException($"The download URL is not a valid URL ({e.Message}); give an https URL on {BaseUri.Host} or a path relative to BaseUri.", e);
        }
        if (!relative && !string.Equals(uri.GetLeftPart(UriPartial.Authority), BaseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            throw new RequestOptionsException($"The download URL is on {Origin(uri)}, not on BaseUri's {Origin(BaseUri)}: {HowItDiffers(uri, BaseUri)}. The client signs requests only for its own API host.");
        // Whether the answer must be signed is judged by this path: one a server would resolve elsewhere is not sent.
        UriTemplate.RefuseDotSegments(uri.AbsolutePath);
        return uri;
    }

    /// <summary>Where a URL goes, for messages: scheme, host and port, never user information, path or query.</summary>
    private static string Origin(Uri uri) => $"{uri.Scheme}://{uri.Host}:{uri.Port}";

    /// <summary>What sets a download URL's origin apart from <paramref name="expected"/>'s: its scheme, host, port or user information.</summary>
    private static string HowItDiffers(Uri uri, Uri expected)
    {
        var differences = new List<string>();
        if (!string.Equals(uri.Scheme, expected.Scheme, StringComparison.OrdinalIgnoreCase)) differences.Add($"its scheme is {uri.Scheme}, not {expected.Scheme}");
        if (!string.Equals(uri.Host, expected.Host, StringComparison.OrdinalIgnoreCase)) differences.Add($"its host is {uri.Host}, not {expected.Host}");
        if (uri.Port != expected.Port) differences.Add($"its port is {uri.Port}, not {expected.Port}");
        if (!string.Equals(uri.UserInfo, expected.UserInfo, StringComparison.Ordinal)) differences.Add(uri.UserInfo.Length > 0 ? "it carries user information (not shown)" : "it lacks BaseUri's user information");
        return differences.Count > 0 ? string.Join(" and ", differences) : "its authority is written differently";
    }
}
