using System.Security.Cryptography;
#if !NET
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
#endif

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// AES-GCM with a 16-byte tag appended to the ciphertext: the BCL's <c>AesGcm</c> on .NET 10, BouncyCastle's
/// <c>GcmBlockCipher</c> on netstandard2.0, which has no AES-GCM.
/// </summary>
internal static class AesGcmCipher
{
    /// <summary>The tag length in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>Encrypts and returns <c>ciphertext‖tag</c>.</summary>
    public static byte[] Seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData)
    {
        var output = new byte[plaintext.Length + TagSize];
#if NET
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
#else
        var gcm = Create(forEncryption: true, key, nonce, associatedData);
        var written = gcm.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        gcm.DoFinal(output, written);
#endif
        return output;
    }

    /// <summary>Checks the tag of <c>ciphertext‖tag</c> and returns the plaintext.</summary>
    /// <exception cref="CryptographicException">The tag does not match.</exception>
    public static byte[] Open(byte[] key, byte[] nonce, byte[] sealedData, byte[] associatedData)
    {
        var plain = new byte[sealedData.Length - TagSize];
#if NET
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, sealedData.AsSpan(0, plain.Length), sealedData.AsSpan(plain.Length), plain, associatedData);
#else
        var gcm = Create(forEncryption: false, key, nonce, associatedData);
        // BouncyCastle holds back the last TagSize bytes until DoFinal, which checks them; nothing is released before.
        var buffer = new byte[gcm.GetOutputSize(sealedData.Length)];
        try
        {
            var written = gcm.ProcessBytes(sealedData, 0, sealedData.Length, buffer, 0);
            gcm.DoFinal(buffer, written);
        }
        catch (InvalidCipherTextException e)
        {
            throw new CryptographicException("The authentication tag does not match.", e);
        }
        Buffer.BlockCopy(buffer, 0, plain, 0, plain.Length);
#endif
        return plain;
    }

#if !NET
    private static GcmBlockCipher Create(bool forEncryption, byte[] key, byte[] nonce, byte[] associatedData)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce, associatedData));
        return gcm;
    }
#endif
}
