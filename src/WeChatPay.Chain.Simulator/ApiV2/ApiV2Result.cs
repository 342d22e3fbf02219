namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// What an APIv2 endpoint hands back when the operation succeeds: its business fields, which the gateway wraps in the
/// <c>return_code</c>/<c>result_code</c> envelope and signs; or a file (a bill), which goes out as it is, unsigned.
/// Failures are thrown as <see cref="ApiV2Failure"/> instead.
/// </summary>
internal sealed class ApiV2Result
{
    private ApiV2Result(IReadOnlyList<KeyValuePair<string, string>> fields, byte[]? file, string? contentType)
    {
        Fields = fields;
        File = file;
        ContentType = contentType;
    }

    /// <summary>The business fields, in the order to write them; empty for a file.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The file's bytes; null for fields.</summary>
    public byte[]? File { get; }

    /// <summary>The file's <c>Content-Type</c>.</summary>
    public string? ContentType { get; }

    public static ApiV2Result Of(IReadOnlyList<KeyValuePair<string, string>> fields) => new(fields, null, null);

    public static ApiV2Result OfFile(byte[] file, string contentType) => new([], file, contentType);
}
