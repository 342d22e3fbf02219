using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Client;

/// <summary>
/// An APIv2 request made from a call's <c>xml</c> option: the merchant id checked, a <c>nonce_str</c> added, the fields
/// signed with the APIv2 key (MD5 unless <c>sign_type</c> says HMAC-SHA256) and written as APIv2 XML.
/// </summary>
internal static class ApiV2Request
{
    private const string NonceField = "nonce_str";

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
        string? merchantField = null, merchantId = null, signType = null;
        var setsSign = false;
        var hasNonce = false;
        foreach (var (name, value) in fields)
        {
            setsSign |= name == ApiV2Signature.SignField;
            hasNonce |= name == NonceField;
            if (name == ApiV2Signature.SignTypeField) signType = value;
            if (merchantField is null && Array.IndexOf(ApiV2Paths.MerchantIdFields, name) >= 0) (merchantField, merchantId) = (name, value);
        }
        if (setsSign)
            throw new RequestOptionsException("xml sets sign, which the client computes with the APIv2 key; remove it.");
        if (merchantField is null)
            throw new RequestOptionsException($"xml names no merchant; add mch_id = \"{merchant.MchId}\" (or mchid, as the endpoint's documentation spells it).");
        if (merchantId != merchant.MchId)
            throw new RequestOptionsException($"xml's {merchantField} is '{merchantId}', but this client signs for merchant {merchant.MchId}: the APIv2 key would sign for the wrong merchant.");

        var type = ApiV2Signature.TypeOf(signType);
        var signed = new List<KeyValuePair<string, string>>(fields.Count + 2);
        signed.AddRange(fields);
        if (!read.Nonceless && !hasNonce) signed.Add(new(NonceField, Crypto.Nonce.Create()));
        signed.Add(new(ApiV2Signature.SignField, ApiV2Signature.Sign(signed, key, type)));
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
