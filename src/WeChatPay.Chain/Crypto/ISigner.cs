namespace WeChatPay.Chain.Crypto;

/// <summary>Signs messages with the merchant's private key.</summary>
internal interface ISigner
{
    /// <summary>The Base64 signature of <paramref name="message"/>.</summary>
    string Sign(ReadOnlySpan<byte> message);
}
