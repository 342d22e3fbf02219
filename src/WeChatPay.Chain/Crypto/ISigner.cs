namespace WeChatPay.Chain.Crypto;

/// <summary>Signs messages with the merchant's private key.</summary>
internal interface ISigner
{
    /// <summary>The algorithms the signature is made with.</summary>
    SignatureScheme Scheme { get; }

    /// <summary>The Base64 signature of <paramref name="message"/>.</summary>
    string Sign(ReadOnlySpan<byte> message);
}
