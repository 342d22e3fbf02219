using System.Security.Cryptography;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// An <see cref="RSA"/> standing for a key held in a key store or hardware module that has gone away: it knows its size,
/// but every operation fails with the <see cref="CryptographicException"/> such providers throw.
/// </summary>
internal sealed class KeyStoreRsa : RSA
{
    public KeyStoreRsa(int keySize = 2048)
    {
        KeySizeValue = keySize;
        LegalKeySizesValue = [new KeySizes(keySize, keySize, 0)];
    }

    /// <summary>How many times a signature check reached the key.</summary>
    public int Verifications { get; private set; }

    public override RSAParameters ExportParameters(bool includePrivateParameters) => throw Unavailable();

    public override void ImportParameters(RSAParameters parameters) => throw Unavailable();

    public override bool VerifyData(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        Verifications++;
        throw Unavailable();
    }

    public override bool VerifyData(byte[] data, int offset, int count, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        Verifications++;
        throw Unavailable();
    }

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) => throw Unavailable();

    public override bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) => throw Unavailable();

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) => throw Unavailable();

    private static CryptographicException Unavailable() => new("The key store holding this key cannot be reached.");
}
