using System.Text;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// A request ready to be signed and sent, read once from the caller's options and the same for every attempt of a call:
/// the attempts differ only in their signatures.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute URI, its path and query exactly as they go on the wire.</param>
/// <param name="Accept">The <c>Accept</c> header.</param>
internal sealed record OutgoingRequest(HttpMethod Method, Uri Uri, string Accept)
{
    /// <summary>The body bytes sent when the body is bytes (given as bytes, or a media upload); null otherwise.</summary>
    public byte[]? Body { get; init; }

    /// <summary>
    /// The body when it is text: sent as Flurl's captured string content, which its <c>HttpTest</c> assertions read, and
    /// signed as its UTF-8, which is what that content sends.
    /// </summary>
    public string? BodyText { get; init; }

    /// <summary>The content type of the body.</summary>
    public string? ContentType { get; init; }

    /// <summary>For media uploads, the meta JSON the signature covers instead of the body; null otherwise.</summary>
    public byte[]? SignedMeta { get; init; }

    /// <summary>Signs the request for <paramref name="target"/>, over the bytes <see cref="SignedBytes"/> gives, without copying a text body into an array.</summary>
    public SentSignature SignWith(RequestSigner signer, string target)
        => SignedMeta is null && BodyText is { } text ? signer.SignForWire(Method.Method, target, text) : signer.SignForWire(Method.Method, target, SignedMeta ?? Body);

    /// <summary>The bytes the signature covers, as a new array: for the call's record, which asks for them only when read.</summary>
    public byte[] SignedBytes() => SignedMeta ?? Body ?? (BodyText is { } text ? Encoding.UTF8.GetBytes(text) : []);

    /// <summary>Further headers, in the order given: the caller's, and <c>Wechatpay-Serial</c> when sensitive fields were encrypted.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>What to do with a 2xx answer's body.</summary>
    public ResponseHandling Handling { get; init; } = ResponseHandling.Verify;

    /// <summary>The largest body read into memory.</summary>
    public int MaxBodyBytes { get; init; }

    /// <summary>
    /// Why <see cref="MaxBodyBytes"/> is what it is when no setting governs it (a fixed cap), for the error that says an
    /// answer was too large; null when it is <see cref="ClientOptions.MaxResponseBodyBytes"/>.
    /// </summary>
    public string? FixedBodyLimit { get; init; }

    /// <summary>Whether the request goes over mutual TLS, presenting the merchant certificate (APIv2's <c>security</c>).</summary>
    public bool MutualTls { get; init; }

    /// <summary>Whether the request is APIv2's, signed inside its body rather than in <c>Authorization</c>.</summary>
    public bool IsApiV2 => Handling is ResponseHandling.ApiV2 or ResponseHandling.ApiV2File;
}
