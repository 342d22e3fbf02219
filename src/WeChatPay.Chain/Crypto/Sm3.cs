using Org.BouncyCastle.Crypto.Digests;

namespace WeChatPay.Chain.Crypto;

/// <summary>SM3 (GB/T 32905), the 256-bit hash of the 国密 suite, by BouncyCastle.</summary>
internal static class Sm3
{
    /// <summary>The SM3 digest of <paramref name="data"/>.</summary>
    public static byte[] Hash(byte[] data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }
}
