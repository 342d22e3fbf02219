using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// AEAD_SM4_GCM as WeChat Pay's 国密 mode uses it for notifications and certificate downloads: the key is the first 16
/// bytes of SM3 over the 32-character APIv3 key, the IV the 12-character nonce as ASCII, the associated data as given,
/// and the ciphertext Base64 of <c>ciphertext‖tag</c> (16-byte tag). SM4 and GCM by BouncyCastle. One instance holds one
/// APIv3 key and is safe to share; its <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class AeadSm4Gcm : INotificationCipher
{
    /// <summary>The algorithm name that appears in notification resources and certificate answers.</summary>
    public const string Algorithm = "AEAD_SM4_GCM";

    private const int TagSize = 16;

    private readonly byte[] _key;

    /// <summary>A cipher under one APIv3 key.</summary>
    /// <exception cref="ConfigurationException">The key is not 32 ASCII characters; the message never shows it.</exception>
    public AeadSm4Gcm(string apiV3Key)
    {
        AeadAesGcm.ValidateKey(apiV3Key);
        var digest = Sm3.Hash(Encoding.ASCII.GetBytes(apiV3Key));
        _key = digest.AsSpan(0, 16).ToArray();
        CryptographicOperations.ZeroMemory(digest);
    }

    string INotificationCipher.Algorithm => Algorithm;

    /// <summary>A resource's nonce is data, not an argument: a wrong one does not decrypt.</summary>
    string INotificationCipher.Decrypt(string nonce, string associatedData, string ciphertext) => Decrypt(AeadNonce.Received(nonce, Algorithm), associatedData, ciphertext);

    /// <summary>Encrypts <paramref name="plaintext"/> and returns Base64 of ciphertext followed by the tag.</summary>
    /// <exception cref="ArgumentException">The nonce is not 12 bytes.</exception>
    public string Encrypt(string nonce, string associatedData, string plaintext)
        => Convert.ToBase64String(Seal(_key, NonceBytes(nonce), Encoding.UTF8.GetBytes(associatedData), Encoding.UTF8.GetBytes(plaintext)));

    /// <summary>Decrypts Base64 <c>ciphertext‖tag</c> and returns the UTF-8 plaintext.</summary>
    /// <exception cref="ArgumentException">The nonce is not 12 bytes, as for <see cref="Encrypt"/>.</exception>
    /// <exception cref="DecryptionException">Not Base64, too short, or the tag does not match
    /// (wrong APIv3 key, tampered ciphertext, nonce or associated data).</exception>
    public string Decrypt(string nonce, string associatedData, string ciphertext)
    {
        var iv = NonceBytes(nonce);
        byte[] data;
        try
        {
            data = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException e)
        {
            throw new DecryptionException("The SM4-GCM ciphertext is not Base64.", e);
        }
        if (data.Length < TagSize) throw new DecryptionException($"The SM4-GCM ciphertext is {data.Length} bytes, shorter than its {TagSize}-byte tag.");
        return Encoding.UTF8.GetString(Open(_key, iv, Encoding.UTF8.GetBytes(associatedData), data));
    }

    /// <summary>SM4-GCM encryption with a raw key: <c>ciphertext‖tag</c>.</summary>
    internal static byte[] Seal(byte[] key, byte[] iv, byte[] associatedData, byte[] plaintext)
    {
        var gcm = Gcm(forEncryption: true, key, iv, associatedData);
        var output = new byte[gcm.GetOutputSize(plaintext.Length)];
        var length = gcm.ProcessBytes(plaintext, 0, plaintext.Length, output, 0);
        gcm.DoFinal(output, length);
        return output;
    }

    /// <summary>SM4-GCM decryption with a raw key of <c>ciphertext‖tag</c>.</summary>
    /// <exception cref="DecryptionException">The tag does not match.</exception>
    internal static byte[] Open(byte[] key, byte[] iv, byte[] associatedData, byte[] sealedData)
    {
        var gcm = Gcm(forEncryption: false, key, iv, associatedData);
        var output = new byte[gcm.GetOutputSize(sealedData.Length)];
        try
        {
            var length = gcm.ProcessBytes(sealedData, 0, sealedData.Length, output, 0);
            gcm.DoFinal(output, length);
            return output;
        }
        catch (InvalidCipherTextException e)
        {
            CryptographicOperations.ZeroMemory(output);
            throw new DecryptionException("SM4-GCM authentication failed: the APIv3 key is wrong, or the ciphertext, nonce or associated_data was altered.", e);
        }
    }

    private static GcmBlockCipher Gcm(bool forEncryption, byte[] key, byte[] iv, byte[] associatedData)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, iv, associatedData));
        return gcm;
    }

    private static byte[] NonceBytes(string nonce) => AeadNonce.Bytes(nonce, "SM4-GCM");

    /// <summary>Never the key.</summary>
    public override string ToString() => $"{Algorithm} (APIv3 key not shown)";
}
