using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Compatibility;

/// <summary>
/// The part of .NET 10's <c>AesGcm</c> the library uses, on BouncyCastle's <c>GcmBlockCipher</c>: netstandard2.0 has no
/// AES-GCM of its own.
/// </summary>
internal sealed class AesGcm : IDisposable
{
    private readonly byte[] _key;
    private readonly int _tagSize;

    /// <summary>A cipher over <paramref name="key"/> with tags of <paramref name="tagSizeInBytes"/> bytes.</summary>
    public AesGcm(byte[] key, int tagSizeInBytes)
    {
        _key = key;
        _tagSize = tagSizeInBytes;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="ciphertext"/> and writes the tag.</summary>
    public void Encrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag, ReadOnlySpan<byte> associatedData = default)
    {
        var gcm = Create(forEncryption: true, nonce, associatedData);
        var output = new byte[plaintext.Length + _tagSize];
        var written = gcm.ProcessBytes(plaintext.ToArray(), 0, plaintext.Length, output, 0);
        gcm.DoFinal(output, written);
        output.AsSpan(0, plaintext.Length).CopyTo(ciphertext);
        output.AsSpan(plaintext.Length).CopyTo(tag);
    }

    /// <summary>Checks the tag and decrypts <paramref name="ciphertext"/> into <paramref name="plaintext"/>; nothing is written when the tag does not match.</summary>
    /// <exception cref="CryptographicException">The tag does not match.</exception>
    public void Decrypt(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        var gcm = Create(forEncryption: false, nonce, associatedData);
        var sealedData = new byte[ciphertext.Length + tag.Length];
        ciphertext.CopyTo(sealedData);
        tag.CopyTo(sealedData.AsSpan(ciphertext.Length));
        // BouncyCastle holds back the last tag-size bytes until DoFinal, which checks them; nothing is released before.
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
        buffer.AsSpan(0, ciphertext.Length).CopyTo(plaintext);
    }

    /// <summary>Nothing to release: the key stays with the caller.</summary>
    public void Dispose() { }

    private GcmBlockCipher Create(bool forEncryption, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(_key), _tagSize * 8, nonce.ToArray(), associatedData.ToArray()));
        return gcm;
    }
}
