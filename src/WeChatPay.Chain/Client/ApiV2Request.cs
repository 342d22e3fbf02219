using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// An APIv2 request made from a call's <c>xml</c> option: the merchant id checked, a <c>nonce_str</c> added, the fields
/// signed with the APIv2 key (MD5 unless <c>sign_type</c> says HMAC-SHA256) and written as APIv2 XML.
/// </summary>
internal static class ApiV2Request
{
    /// <summary>The request for <paramref name="read"/> to <paramref name="target"/>.</summary>
    /// <exception cref="ConfigurationException">No APIv2 key is configured.</exception>
    /// <exception cref="RequestOptionsException">The fields cannot make an APIv2 request; the message says which and why.</exception>
    /// <param name="method">The HTTP method: POST, or the request is refused.</param>
    /// <param name="target">Where it goes.</param>
    /// <param name="read">The call's options.</param>
    /// <param name="merchant">Whose key signs it.</param>
    /// <param name="file">Whether a successful answer is a file to stream (a bill) rather than a message to read.</param>
    public static OutgoingRequest Build(HttpMethod method, Uri target, RequestOptions read, Merchant merchant, bool file = false)
    {
        var key = merchant.ApiV2Key
            ?? throw new ConfigurationException($"{target.AbsolutePath} is an APIv2 call, signed with the APIv2 key: set ClientOptions.ApiV2Key to the 32-character key from the merchant platform.");
        if (read.Xml is not { } fields)
            throw new RequestOptionsException($"An APIv2 call carries its fields as xml, e.g. new {{ xml = new {{ appid = \"…\", mch_id = \"{merchant.MchId}\", … }} }}.");
        if (method != HttpMethod.Post)
            throw new RequestOptionsException($"APIv2 calls are POSTs of XML; use Post or PostAsync, not {method}.");
        if (fields.Any(f => f.Key == ApiV2Signature.SignField))
            throw new RequestOptionsException("xml sets sign, which the client computes with the APIv2 key; remove it.");
        var named = fields.FirstOrDefault(f => ApiV2Paths.MerchantIdFields.Contains(f.Key));
        if (named.Key is null)
            throw new RequestOptionsException($"xml names no merchant; add mch_id = \"{merchant.MchId}\" (or mchid, as the endpoint's documentation spells it).");
        if (named.Value != merchant.MchId)
            throw new RequestOptionsException($"xml's {named.Key} is '{named.Value}', but this client signs for merchant {merchant.MchId}: the APIv2 key would sign for the wrong merchant.");

        var type = ApiV2Signature.TypeOf(fields.FirstOrDefault(f => f.Key == ApiV2Signature.SignTypeField).Value);
        var signed = new List<KeyValuePair<string, string>>(fields);
        if (!read.Nonceless && !fields.Any(f => f.Key == "nonce_str")) signed.Add(new("nonce_str", Crypto.Nonce.Create()));
        var sign = key.Sign(ApiV2Signature.Message(signed), type);
        signed.Add(new(ApiV2Signature.SignField, sign));
        return new OutgoingRequest(method, target, ApiV2Xml.Accept)
        {
            BodyText = ApiV2Xml.Write(signed),
            ContentType = ApiV2Xml.ContentType,
            Headers = read.Headers,
            Handling = file ? ResponseHandling.ApiV2File : ResponseHandling.ApiV2,
            MutualTls = read.Security,
            MaxBodyBytes = merchant.MaxResponseBodyBytes,
        };
    }
}
