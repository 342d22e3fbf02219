namespace WeChatPay.Chain.Crypto;

/// <summary>Checks signatures made by WeChat Pay's keys, each known by a platform certificate serial or public-key id.</summary>
internal interface IVerifier
{
    /// <summary>The ids of the keys held.</summary>
    IEnumerable<string> KeyIds { get; }

    /// <summary>Whether a key has this id.</summary>
    bool Knows(string keyId);

    /// <summary>Whether <paramref name="signature"/> (Base64) is the key's signature of <paramref name="message"/>; false, never an exception, for an unknown id or a malformed signature.</summary>
    bool Verify(string keyId, ReadOnlySpan<byte> message, string signature);

    /// <summary>Why a signature that failed cannot be the key's at all (it has the other scheme's shape); null when nothing is known.</summary>
    string? KindMismatch(string keyId, string signature);
}
