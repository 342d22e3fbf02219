namespace WeChatPay.Chain.Crypto;

/// <summary>Checks signatures with WeChat Pay's keys, RSA or SM2, each verifying in its own scheme.</summary>
internal sealed class KeyMapVerifier(IReadOnlyDictionary<string, PlatformPublicKey> keys) : IVerifier
{
    /// <inheritdoc />
    public IEnumerable<string> KeyIds => keys.Keys;

    /// <inheritdoc />
    public bool Knows(string keyId) => keys.ContainsKey(keyId);

    /// <inheritdoc />
    public bool Verify(string keyId, ReadOnlySpan<byte> message, string signature)
        => keys.TryGetValue(keyId, out var key) && key.Verify(message, signature);

    /// <inheritdoc />
    public string? KindMismatch(string keyId, string signature)
        => keys.TryGetValue(keyId, out var key) ? key.KindMismatch(signature) : null;
}
