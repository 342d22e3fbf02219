using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// What a handler answers: JSON, which the pipeline signs like every WeChat Pay answer; a file, which goes out as is
/// and unsigned, as WeChat Pay sends bill files and complaint images; or a statement, a file signed over
/// <c>{"sha1":"…"}</c> of its digest. Keeping these apart in the type is what stops a file answer from being signed by
/// accident, or a JSON answer from going out unsigned.
/// </summary>
internal sealed class Reply
{
    private Reply(JsonNode? json, byte[]? file, string? contentType, bool signedOverDigest)
    {
        Json = json;
        File = file;
        ContentType = contentType;
        SignedOverDigest = signedOverDigest;
    }

    /// <summary>The JSON body to sign and send; null for a file.</summary>
    public JsonNode? Json { get; }

    /// <summary>The file bytes to send; null for JSON.</summary>
    public byte[]? File { get; }

    /// <summary>The <c>Content-Type</c> of a file.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The file is a statement: it carries <c>Wechatpay-Statement-Sha1</c> and is signed over <c>{"sha1":"…"}</c>
    /// instead of its bytes (see <see cref="SignedResponseWriter.StatementHeaders"/>).
    /// </summary>
    public bool SignedOverDigest { get; }

    public static Reply Of(JsonNode json) => new(json, null, null, false);

    public static Reply Unsigned(byte[] file, string contentType) => new(null, file, contentType, false);

    public static Reply Statement(byte[] file, string contentType) => new(null, file, contentType, true);
}
