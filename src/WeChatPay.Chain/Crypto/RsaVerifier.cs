using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>Checks RSASSA-PKCS1-v1_5 SHA-256 signatures with WeChat Pay's RSA keys, looked up by id in <paramref name="keys"/>.</summary>
internal sealed class RsaVerifier(IReadOnlyDictionary<string, RSA> keys) : IVerifier
{
    /// <inheritdoc />
    public IEnumerable<string> KeyIds => keys.Keys;

    /// <inheritdoc />
    public bool Knows(string keyId) => keys.ContainsKey(keyId);

    /// <inheritdoc />
    public bool Verify(string keyId, ReadOnlySpan<byte> message, string signature)
        => keys.TryGetValue(keyId, out var key) && Rsa.Verify(key, message, signature);

    /// <inheritdoc />
    public string? KindMismatch(string keyId, string signature)
        => keys.TryGetValue(keyId, out var key) ? PlatformPublicKey.Of(key).KindMismatch(signature) : null;
}
