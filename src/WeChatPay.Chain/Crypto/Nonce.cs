using System.Security.Cryptography;

namespace WeChatPay.Chain.Crypto;

/// <summary>Random nonces for request signatures and pay signs.</summary>
public static class Nonce
{
    /// <summary>The characters a nonce is made of: digits and ASCII letters.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The length WeChat Pay's SDKs use.</summary>
    public const int DefaultLength = 32;

    /// <summary>
    /// Creates a nonce from the operating system's CSPRNG. Each character is uniform over <see cref="Alphabet"/>
    /// (<c>RandomNumberGenerator.GetString</c> rejects rather than reduces modulo 62).
    /// </summary>
    public static string Create(int length = DefaultLength) => RandomNumberGenerator.GetString(Alphabet, length);
}
