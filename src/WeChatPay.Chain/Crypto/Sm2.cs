using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// SM2 with SM3 as WeChat Pay's 国密 mode signs and verifies: the signer's user id is the GM/T 0009 default
/// <c>1234567812345678</c>, and the signature is DER (r, s), Base64. Keys are read from PEM once: PKCS#8
/// (<c>PRIVATE KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>, or <c>SM2 PRIVATE KEY</c> as OpenSSL 3 labels it) private keys,
/// SPKI (<c>PUBLIC KEY</c>) public keys. By BouncyCastle.
/// </summary>
public static partial class Sm2
{
    /// <summary>The signer's user id WeChat Pay uses: the GM/T 0009 default.</summary>
    public const string UserId = "1234567812345678";

    private static readonly byte[] UserIdBytes = "1234567812345678"u8.ToArray();

    /// <summary>
    /// sm2p256v1 on BouncyCastle's hand-written field arithmetic (<c>CustomNamedCurves</c>, the curve PKCS#8 and SPKI
    /// keys naming the curve by OID are read onto), not <c>GMNamedCurves</c>' generic one, which signs about 5× slower.
    /// </summary>
    internal static readonly ECDomainParameters Curve = Domain();

    /// <summary>
    /// Each private key's initialised signers, one for each thread that has signed with it at once, for as long as the
    /// key lives. Initialising an <see cref="SM2Signer"/> for signing computes the public point d·G (a scalar
    /// multiplication as dear as the signature's own) and Z, both fixed per key; after a signature the signer is back
    /// in its initialised state, so reusing it halves the cost of a signature. Each signer has its own
    /// <see cref="SecureRandom"/> and is used by one thread at a time.
    /// </summary>
    private static readonly ConditionalWeakTable<ECPrivateKeyParameters, ConcurrentBag<SM2Signer>> Signers = new();

    /// <summary>Reads an SM2 private key from PEM text.</summary>
    /// <exception cref="ConfigurationException">No SM2 private key block, or one on another curve.</exception>
    /// <param name="pem">The PEM text: PKCS#8 <c>PRIVATE KEY</c>, or SEC1 <c>EC PRIVATE KEY</c> / <c>SM2 PRIVATE KEY</c>.</param>
    /// <param name="setting">The name of the setting it came from, used in error messages.</param>
    public static ECPrivateKeyParameters LoadPrivateKey(string pem, string setting = "PrivateKey")
    {
        var block = Block(pem, setting, "PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY");
        try
        {
            var key = block.Label == "PRIVATE KEY"
                ? PrivateKeyFactory.CreateKey(block.Der) as ECPrivateKeyParameters
                : new ECPrivateKeyParameters(ECPrivateKeyStructure.GetInstance(Asn1Sequence.GetInstance(block.Der)).GetKey(), Curve);
            return key is not null && IsSm2(key.Parameters) ? key : throw NotSm2(setting, "private");
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            // Neither BouncyCastle's message nor its exception is passed on: a parser's message may quote what it read.
            throw new ConfigurationException($"{setting} holds a {block.Label} block that is damaged ({e.GetType().Name}).");
        }
    }

    /// <summary>Reads an SM2 public key from PEM text.</summary>
    /// <exception cref="ConfigurationException">No SM2 public key block, or one on another curve.</exception>
    /// <param name="pem">The PEM text: SPKI <c>PUBLIC KEY</c>.</param>
    /// <param name="setting">The name of the setting it came from, used in error messages.</param>
    public static ECPublicKeyParameters LoadPublicKey(string pem, string setting = "Certs")
    {
        var block = Block(pem, setting, "PUBLIC KEY");
        try
        {
            return PublicKeyFactory.CreateKey(block.Der) is ECPublicKeyParameters key && IsSm2(key.Parameters) ? key : throw NotSm2(setting, "public");
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{setting} holds a PUBLIC KEY block that is damaged ({e.GetType().Name}).");
        }
    }

    /// <summary>Signs <paramref name="message"/>: Base64 of the DER-encoded (r, s).</summary>
    public static string Sign(ECPrivateKeyParameters key, byte[] message) => Convert.ToBase64String(SignDer(key, message));

    /// <summary>Signs <paramref name="message"/>: the DER-encoded (r, s).</summary>
    internal static byte[] SignDer(ECPrivateKeyParameters key, byte[] message)
    {
        var idle = Signers.GetOrCreateValue(key);
        if (!idle.TryTake(out var signer))
        {
            signer = new SM2Signer(new SM3Digest());
            signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, new SecureRandom()), UserIdBytes));
        }
        signer.BlockUpdate(message, 0, message.Length);
        var signature = signer.GenerateSignature();
        // Returned only after a signature: a signer that threw is dropped rather than trusted again.
        idle.Add(signer);
        return signature;
    }

    /// <summary>Whether <paramref name="signature"/> (Base64 DER) is the key's signature over <paramref name="message"/>; false for anything malformed.</summary>
    public static bool Verify(ECPublicKeyParameters key, byte[] message, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }
        var verifier = new SM2Signer(new SM3Digest());
        verifier.Init(false, new ParametersWithID(key, UserIdBytes));
        verifier.BlockUpdate(message, 0, message.Length);
        // False, never an exception, for DER that does not decode to (r, s) in range: SM2Signer catches its own failures.
        return verifier.VerifySignature(der);
    }

    /// <summary>The text's first PEM block, which must carry one of <paramref name="labels"/>.</summary>
    private static (string Label, byte[] Der) Block(string pem, string setting, params string[] labels)
    {
        var block = Pem.FirstBlock(pem);
        return block is { } found && labels.Contains(found.Label)
            ? found
            : throw new ConfigurationException($"{setting} holds no {string.Join(" or ", labels)} PEM block for an SM2 key{(block is { } other ? $" (its first block is a {other.Label})" : "")}.");
    }

    private static bool IsSm2(ECDomainParameters parameters) => parameters.Curve.Equals(Curve.Curve) && parameters.G.Equals(Curve.G);

    private static ConfigurationException NotSm2(string setting, string kind)
        => new($"{setting} holds an EC {kind} key that is not on the SM2 curve (sm2p256v1); 国密 keys are SM2 keys.");

    private static ECDomainParameters Domain()
    {
        var curve = CustomNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }
}
