namespace WeChatPay.Chain.Client;

/// <summary>What the response step does with a 2xx answer's body (error answers are always read, never verified).</summary>
internal enum ResponseHandling
{
    /// <summary>Read and verified where WeChat Pay signs the path; left unread where it does not, so a file can stream.</summary>
    Verify,

    /// <summary>Read, and verified by the caller: the platform certificates answer, whose keys come in the answer itself.</summary>
    CallerVerifies,

    /// <summary>
    /// An APIv2 answer: read, parsed as APIv2 XML and its <c>sign</c> checked with the APIv2 key when its
    /// <c>return_code</c> is <c>SUCCESS</c> and the endpoint signs; a file answer (bills) is kept as it came.
    /// </summary>
    ApiV2,

    /// <summary>
    /// An APIv2 file (a bill): a 2xx answer left unread for the download, which tells the file from an XML failure by
    /// its first bytes; an error status read as for <see cref="ApiV2"/>.
    /// </summary>
    ApiV2File,
}
