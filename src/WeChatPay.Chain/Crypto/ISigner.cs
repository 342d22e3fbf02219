namespace WeChatPay.Chain.Crypto;

/// <summary>Signs messages with the merchant's private key.</summary>
internal interface ISigner
{
    /// <summary>The algorithms the signature is made with.</summary>
    SignatureScheme Scheme { get; }

    /// <summary>
    /// Writes the signature of <paramref name="message"/> into <paramref name="signature"/>, which has room for
    /// <see cref="Rsa.MaxSignatureBytes"/>; returns its length.
    /// </summary>
    int Sign(ReadOnlySpan<byte> message, Span<byte> signature);
}
