namespace WeChatPay.Chain.Protocol;

/// <summary>An APIv3 request's signature as it is sent: the whole <c>Authorization</c> value, and the timestamp and nonce it signed.</summary>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
/// <param name="Timestamp">Seconds since the Unix epoch, as signed.</param>
/// <param name="Nonce">The request nonce, as signed.</param>
internal readonly record struct SentSignature(string Authorization, string Timestamp, string Nonce);
