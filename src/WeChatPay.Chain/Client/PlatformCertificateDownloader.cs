using Flurl.Http;
using WeChatPay.Chain.Certificates;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Client;

/// <summary>
/// Downloads WeChat Pay's platform certificates from <c>GET /v3/certificates</c>: a signed Flurl request, the certificates
/// decrypted with the APIv3 key, and the answer verified — with the certificate it names, which may be one it delivers
/// (the first download has nothing else to check against) or one already known.
/// </summary>
public sealed class PlatformCertificateDownloader : IDisposable
{
    private const string Path = "v3/certificates";

    /// <summary>The query that asks for the SM2 platform certificates (国密) instead of the RSA ones.</summary>
    private const string Sm2Query = "?algorithm_type=SM2";
    private const int MaxBodyBytes = 1024 * 1024;

    private readonly CallPipeline _pipeline;
    private readonly INotificationCipher[] _ciphers;
    private readonly OutgoingRequest _request;
    private readonly IFlurlClient? _ownedFlurl;

    /// <summary>Creates a downloader for one merchant. <see cref="ClientOptions.Certs"/> may be empty.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or unusable, <see cref="ClientOptions.ApiV3Key"/> included.</exception>
    public PlatformCertificateDownloader(ClientOptions options)
    {
        var merchant = Merchant.Load(options, allowEmptyCerts: true);
        AeadAesGcm.ValidateKey(options.ApiV3Key);
        _ownedFlurl = FlurlClients.Over(options.HttpMessageHandler, merchant);
        _pipeline = new CallPipeline(_ownedFlurl, merchant, mutualTls: null, sendsVerbatimTargets: true);
        (_ciphers, _request) = (Ciphers(options.ApiV3Key!), RequestOf(merchant));
    }

    /// <summary>For a client's refresher: shares the client's call path and keys.</summary>
    internal PlatformCertificateDownloader(CallPipeline pipeline, string apiV3Key)
        => (_pipeline, _ciphers, _request) = (pipeline, Ciphers(apiV3Key), RequestOf(pipeline.Merchant));

    /// <summary>Downloads, decrypts and verifies the platform certificates.</summary>
    /// <exception cref="NoPlatformCertificatesException">The merchant is in public-key mode: HTTP 404 with code <c>NOT_FOUND</c> or <c>RESOURCE_NOT_EXISTS</c>.</exception>
    /// <exception cref="ApiException">Another error answer, a 404 without those codes included (a wrong BaseUri, a proxy's page).</exception>
    /// <exception cref="ResponseFormatException">The answer is larger than 1 MiB, or not the documented list of certificates.</exception>
    /// <exception cref="ResponseVerificationException">The response is not signed by a certificate it delivers or one already known.</exception>
    /// <exception cref="DecryptionException">A certificate does not decrypt: the APIv3 key is wrong.</exception>
    /// <exception cref="TransportException">No response, or one that did not arrive within the timeout.</exception>
    public Task<IReadOnlyList<PlatformCertificate>> DownloadAsync(CancellationToken cancellationToken = default)
        => DownloadAsync(async: true, cancellationToken).AsTask();

    /// <summary>The synchronous form of <see cref="DownloadAsync(CancellationToken)"/>.</summary>
    public IReadOnlyList<PlatformCertificate> Download(CancellationToken cancellationToken = default)
        => Synchronously.Wait(DownloadAsync(async: false, cancellationToken));

    /// <summary>The download, written once for both forms; with <paramref name="async"/> false it awaits nothing.</summary>
    internal async ValueTask<IReadOnlyList<PlatformCertificate>> DownloadAsync(bool async, CancellationToken cancellationToken)
    {
        var merchant = _pipeline.Merchant;
        var record = new WeChatPayCall(_request.Method.Method, merchant.Time.GetUtcNow());
        using var deadline = new CallDeadline(merchant.Timeout, cancellationToken);
        try
        {
            var (response, body, _) = await _pipeline.SendAsync(async, _request, record, deadline).ConfigureAwait(false);
            using (response)
            {
                var answer = record.Response = new WeChatPayResponse(response, body ?? [], record);
                var certificates = CertificatesAnswer.Read(answer, _ciphers, merchant.PlatformKeys, merchant.Time);
                record.Verification = ResponseVerification.Verified;
                return certificates;
            }
        }
        catch (Exception e)
        {
            if (e is ResponseVerificationException) record.Verification = ResponseVerification.Failed;
            var failure = CallFailures.Translate(e, record, deadline, synchronous: !async);
            if (ReferenceEquals(failure, e)) throw;
            throw failure;
        }
        finally
        {
            record.End(merchant.Time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _ownedFlurl?.Dispose();

    /// <summary>The request: the RSA certificates, or the SM2 ones for a 国密 merchant.</summary>
    private static OutgoingRequest RequestOf(Merchant merchant)
        => new(HttpMethod.Get, new Uri(merchant.BaseUri, merchant.Signer.Scheme == SignatureScheme.Sm2WithSm3 ? Path + Sm2Query : Path), "application/json")
        {
            Handling = ResponseHandling.CallerVerifies,
            MaxBodyBytes = MaxBodyBytes,
            FixedBodyLimit = "WeChat Pay's certificates answer holds a few certificates of about 2 KB each, so one this large is not its answer (check BaseUri and what answers there); ClientOptions.MaxResponseBodyBytes does not apply to it.",
        };

    /// <summary>The resource ciphers under the APIv3 key; the answer's algorithm field chooses (SM2 certificates come SM4-GCM encrypted).</summary>
    private static INotificationCipher[] Ciphers(string apiV3Key) => [new AeadAesGcm(apiV3Key), new AeadSm4Gcm(apiV3Key)];
}
