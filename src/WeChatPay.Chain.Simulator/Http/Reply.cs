using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// What a handler answers: JSON, which the pipeline signs like every WeChat Pay answer, or a file, which goes out as
/// is and unsigned, as WeChat Pay sends bill files. Keeping the two apart in the type is what stops a file answer from
/// being signed by accident, or a JSON answer from going out unsigned.
/// </summary>
internal sealed class Reply
{
    private Reply(JsonNode? json, byte[]? file, string? contentType)
    {
        Json = json;
        File = file;
        ContentType = contentType;
    }

    /// <summary>The JSON body to sign and send; null for a file.</summary>
    public JsonNode? Json { get; }

    /// <summary>The file bytes to send unsigned; null for JSON.</summary>
    public byte[]? File { get; }

    /// <summary>The <c>Content-Type</c> of a file.</summary>
    public string? ContentType { get; }

    public static Reply Of(JsonNode json) => new(json, null, null);

    public static Reply Unsigned(byte[] file, string contentType) => new(null, file, contentType);
}
