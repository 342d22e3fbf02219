using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

public sealed partial class WeChatPayClient
{
    /// <summary>
    /// Downloads a bill from the response of <c>v3/bill/tradebill</c> or <c>v3/bill/fundflowbill</c>: follows its
    /// <c>download_url</c> and checks <c>hash_type</c>/<c>hash_value</c> over the (unpacked) file.
    /// </summary>
    /// <param name="bill">The verified response of the bill request.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ResponseFormatException">
    /// The response has no <c>download_url</c>, no <c>hash_type</c> or <c>hash_value</c> (or one that is blank), names a
    /// digest other than SHA1 or SHA256, or gives a <c>download_url</c> that is not a URL on <see cref="BaseUri"/>'s host.
    /// Nothing is downloaded: a bill that cannot be checked is not handed over as if it had been.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The file's digest does not match <c>hash_value</c>.</exception>
    public Task<DownloadResult> DownloadBillAsync(WeChatPayResponse bill, Stream destination, bool gunzip = false, CancellationToken cancellationToken = default)
        => DownloadAsync(async: true, HttpMethod.Get, () => BillDownload(bill, gunzip), destination, cancellationToken).AsTask();

    /// <summary>
    /// The synchronous form of <see cref="DownloadBillAsync"/>: follows the bill's <c>download_url</c> with
    /// <see cref="Download(string, Stream, DownloadOptions?)"/> and checks <c>hash_type</c>/<c>hash_value</c> over the (unpacked) file.
    /// </summary>
    /// <param name="bill">The verified response of the bill request.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <exception cref="ResponseFormatException">
    /// The response has no <c>download_url</c>, no <c>hash_type</c> or <c>hash_value</c> (or one that is blank), names a
    /// digest other than SHA1 or SHA256, or gives a <c>download_url</c> that is not a URL on <see cref="BaseUri"/>'s host.
    /// Nothing is downloaded.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The file's digest does not match <c>hash_value</c>.</exception>
    public DownloadResult DownloadBill(WeChatPayResponse bill, Stream destination, bool gunzip)
        => DownloadBill(bill, destination, gunzip, CancellationToken.None);

    /// <summary>
    /// <see cref="DownloadBill(WeChatPayResponse, Stream, bool)"/> that <paramref name="cancellationToken"/> can end: it
    /// closes the connection under a read that waits, so a blocked synchronous download ends too.
    /// </summary>
    /// <param name="bill">The verified response of the bill request.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="ResponseFormatException">
    /// The response has no <c>download_url</c>, no <c>hash_type</c> or <c>hash_value</c> (or one that is blank), names a
    /// digest other than SHA1 or SHA256, or gives a <c>download_url</c> that is not a URL on <see cref="BaseUri"/>'s host.
    /// Nothing is downloaded.
    /// </exception>
    /// <exception cref="ResponseVerificationException">The file's digest does not match <c>hash_value</c>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DownloadResult DownloadBill(WeChatPayResponse bill, Stream destination, bool gunzip = false, CancellationToken cancellationToken = default)
        => Synchronously.Wait(DownloadAsync(async: false, HttpMethod.Get, () => BillDownload(bill, gunzip), destination, cancellationToken));

    /// <summary>
    /// Downloads an APIv2 bill (<c>v2/pay/downloadbill</c>, <c>v2/pay/downloadfundflow</c>) straight into
    /// <paramref name="destination"/>: the request signed with the APIv2 key like any APIv2 call, the file streamed as it
    /// comes (unsigned, as WeChat Pay sends it), and an XML answer in its place — no bill that day, a bad sign — thrown as
    /// the <see cref="ApiV2Exception"/> it reports, with nothing written.
    /// </summary>
    /// <param name="path">The APIv2 path, such as <c>v2/pay/downloadbill</c>.</param>
    /// <param name="options">The call's options: <c>xml</c> with <c>appid</c>, <c>mch_id</c>, <c>bill_date</c>, <c>bill_type</c>, … and, for fund flow, <c>security = true</c>.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestOptionsException">The path is not an APIv2 path, or the options cannot make an APIv2 request.</exception>
    /// <exception cref="ApiV2Exception">WeChat Pay answered a failure instead of the file.</exception>
    public Task<DownloadResult> DownloadV2Async(string path, object options, Stream destination, bool gunzip = false, CancellationToken cancellationToken = default)
        => DownloadAsync(async: true, HttpMethod.Post, () => ApiV2FileRequest(path, options, gunzip), destination, cancellationToken).AsTask();

    /// <summary>The synchronous form of <see cref="DownloadV2Async"/>.</summary>
    /// <param name="path">The APIv2 path, such as <c>v2/pay/downloadbill</c>.</param>
    /// <param name="options">The call's options, with <c>xml</c>.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <exception cref="RequestOptionsException">The path is not an APIv2 path, or the options cannot make an APIv2 request.</exception>
    /// <exception cref="ApiV2Exception">WeChat Pay answered a failure instead of the file.</exception>
    public DownloadResult DownloadV2(string path, object options, Stream destination, bool gunzip)
        => DownloadV2(path, options, destination, gunzip, CancellationToken.None);

    /// <summary><see cref="DownloadV2(string, object, Stream, bool)"/> that <paramref name="cancellationToken"/> can end, a blocked read included.</summary>
    /// <param name="path">The APIv2 path, such as <c>v2/pay/downloadbill</c>.</param>
    /// <param name="options">The call's options, with <c>xml</c>.</param>
    /// <param name="destination">Where the bill goes.</param>
    /// <param name="gunzip">True when the bill was requested with <c>tar_type=GZIP</c>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RequestOptionsException">The path is not an APIv2 path, or the options cannot make an APIv2 request.</exception>
    /// <exception cref="ApiV2Exception">WeChat Pay answered a failure instead of the file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public DownloadResult DownloadV2(string path, object options, Stream destination, bool gunzip = false, CancellationToken cancellationToken = default)
        => Synchronously.Wait(DownloadAsync(async: false, HttpMethod.Post, () => ApiV2FileRequest(path, options, gunzip), destination, cancellationToken));

    /// <summary>The signed APIv2 request for a file, and how to unpack it.</summary>
    private (OutgoingRequest Request, DownloadOptions? Options) ApiV2FileRequest(string path, object options, bool gunzip)
    {
        ArgumentNullException.ThrowIfNull(path);
        var template = TemplateOf(path);
        if (!template.IsApiV2) throw new RequestOptionsException($"DownloadV2 takes an APIv2 path such as v2/pay/downloadbill, not '{path}'; APIv3 files download with DownloadAsync or DownloadBillAsync.");
        var read = RequestOptions.Read(options, template, _encryptor);
        return (ApiV2Request.Build(HttpMethod.Post, TargetOf(template.ApiV2Target, read), read, _merchant, file: true), new DownloadOptions { Gunzip = gunzip });
    }

    /// <summary>Where a bill response points and how to check what is there; refuses a response that cannot be checked.</summary>
    private (OutgoingRequest Request, DownloadOptions? Options) BillDownload(WeChatPayResponse bill, bool gunzip)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var url = BillField(bill, "download_url");
        var hashType = BillField(bill, "hash_type");
        if (!FileDownload.Knows(hashType))
            throw new ResponseFormatException($"{bill} names the digest hash_type \"{hashType}\"; only {FileDownload.KnownDigests} are known, so the bill cannot be checked and is not downloaded.", null);
        var options = new DownloadOptions
        {
            HashType = hashType,
            HashValue = BillField(bill, "hash_value"),
            Gunzip = gunzip,
        };
        return (Get(BillUri(bill, url)), options);
    }

    /// <summary>
    /// The bill's <c>download_url</c> as a URL the client will follow. One it will not is WeChat Pay's answer at fault,
    /// not the caller's options: a format error, naming what is wrong with it.
    /// </summary>
    private Uri BillUri(WeChatPayResponse bill, string url)
    {
        try
        {
            return DownloadUri(url);
        }
        catch (RequestOptionsException e)
        {
            throw new ResponseFormatException($"{bill} gives a download_url that cannot be followed, so the bill is not downloaded: {e.Message}", e);
        }
    }

    /// <summary>
    /// A field every bill response carries. WeChat Pay always sends the digest with the link, so a response without it
    /// is refused rather than downloaded unchecked; to fetch a file without a digest, call <see cref="DownloadAsync(string, Stream, DownloadOptions?, CancellationToken)"/>.
    /// </summary>
    private static string BillField(WeChatPayResponse bill, string name)
        => (bill.Json as JObject)?[name] is JValue { Type: JTokenType.String } value && (string)value! is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new ResponseFormatException($"{bill} has no {name}, which every bill response carries; is it the response of v3/bill/tradebill or v3/bill/fundflowbill? (To download a file without a digest check, call DownloadAsync.)", null);
}
