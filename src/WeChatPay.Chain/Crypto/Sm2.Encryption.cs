using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// SM2 public-key encryption (GB/T 32918.4 with SM3) of sensitive fields, as WeChat Pay's 国密 mode encrypts them. The
/// ciphertext is the GM/T 0009 DER layout that OpenSSL 3 and Tencent Kona write,
/// <c>SEQUENCE { INTEGER x1, INTEGER y1, OCTET STRING C3, OCTET STRING C2 }</c>, in Base64. BouncyCastle's engine
/// works on the raw <c>04 ‖ x1 ‖ y1 ‖ C3 ‖ C2</c> form, so this file converts between the two.
/// </summary>
static partial class Sm2
{
    /// <summary>
    /// The most UTF-8 bytes a sensitive value may have. SM2 itself has no limit, but WeChat Pay sends the same fields
    /// RSA-encrypted outside 国密 mode, where RSAES-OAEP (SHA-1) under its 2048-bit keys takes 214 bytes; a value that
    /// fits one mode fits the other, and anything longer is not a single field (names, phone, ID and account numbers,
    /// addresses) but a mistake, such as a whole object passed as the value.
    /// </summary>
    public const int MaxPlaintextBytes = 214;

    /// <summary>The length of C3, the SM3 hash that authenticates the plaintext.</summary>
    private const int HashLength = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encrypts a sensitive field under WeChat Pay's SM2 public key; returns Base64 of the GM/T 0009 DER ciphertext.</summary>
    /// <exception cref="RequestOptionsException">
    /// The value is empty, longer than <see cref="MaxPlaintextBytes"/> UTF-8 bytes, or not valid UTF-16. The message never quotes it.
    /// </exception>
    public static string Encrypt(ECPublicKeyParameters key, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(plaintext);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(plaintext);
        }
        catch (EncoderFallbackException)
        {
            // Not chained: the fallback exception's message shows the offending character.
            throw new RequestOptionsException("A sensitive value has a lone UTF-16 surrogate, which UTF-8 cannot encode; nothing was encrypted. Fix the text.");
        }
        // GB/T 32918.4 rejects a key stream of all zero bits, which an empty message always is: SM2 cannot encrypt nothing.
        if (bytes.Length == 0)
            throw new RequestOptionsException("A sensitive value is empty, and SM2 cannot encrypt an empty value; leave the field out or give it its value.");
        if (bytes.Length > MaxPlaintextBytes)
            throw new RequestOptionsException($"A sensitive value of {bytes.Length} UTF-8 bytes is longer than the {MaxPlaintextBytes} allowed for a sensitive field (the same limit as under RSA). Sensitive fields (names, phone and ID numbers, addresses) fit: check the value is the field alone.");

        var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
        engine.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        var raw = engine.ProcessBlock(bytes, 0, bytes.Length);
        return Convert.ToBase64String(ToDer(raw, CoordinateLength(key.Parameters)));
    }

    /// <summary>Decrypts a Base64 GM/T 0009 SM2 ciphertext with the merchant's SM2 private key.</summary>
    /// <exception cref="DecryptionException">
    /// The text is not Base64, not the GM/T 0009 structure, not encrypted for this key, altered, or not UTF-8 inside.
    /// The message never carries the key or any decrypted bytes.
    /// </exception>
    public static string Decrypt(ECPrivateKeyParameters key, string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        byte[] der;
        try
        {
            der = Convert.FromBase64String(ciphertext);
        }
        catch (FormatException e)
        {
            throw new DecryptionException("The SM2 sensitive field could not be decrypted: it is not Base64.", e);
        }

        var size = CoordinateLength(key.Parameters);
        var raw = FromDer(der, size);
        byte[] plain;
        try
        {
            var engine = new SM2Engine(new SM3Digest(), SM2Engine.Mode.C1C3C2);
            engine.Init(false, key);
            plain = engine.ProcessBlock(raw, 0, raw.Length);
        }
        catch (Exception e)
        {
            // Every failure is caught so that no BouncyCastle exception escapes, and none is chained: its messages are not
            // ours to vouch for, and the type is enough to tell a bad point from a hash that does not match.
            throw new DecryptionException($"The SM2 sensitive field could not be decrypted ({e.GetType().Name}): it was not encrypted for the merchant's SM2 public key, or it was altered on the way.");
        }

        try
        {
            return StrictUtf8.GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            // Not chained: the fallback exception's message quotes the decrypted bytes.
            throw new DecryptionException("The SM2 sensitive field decrypted, but its content is not UTF-8 text; it was not a WeChat Pay sensitive field.");
        }
        finally
        {
            Array.Clear(plain, 0, plain.Length);
        }
    }

    /// <summary>The bytes of one affine coordinate on the key's curve: 32 for SM2.</summary>
    private static int CoordinateLength(ECDomainParameters parameters) => (parameters.Curve.FieldSize + 7) / 8;

    /// <summary>Raw <c>04 ‖ x1 ‖ y1 ‖ C3 ‖ C2</c> from the engine, as the DER SEQUENCE.</summary>
    private static byte[] ToDer(byte[] raw, int size)
    {
        var c2Offset = 1 + 2 * size + HashLength;
        var sequence = new DerSequence(
            new DerInteger(new BigInteger(1, raw, 1, size)),
            new DerInteger(new BigInteger(1, raw, 1 + size, size)),
            new DerOctetString(Arrays.CopyOfRange(raw, 1 + 2 * size, c2Offset)),
            new DerOctetString(Arrays.CopyOfRange(raw, c2Offset, raw.Length)));
        return sequence.GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>The DER SEQUENCE as the engine's raw <c>04 ‖ x1 ‖ y1 ‖ C3 ‖ C2</c>, after checking each part's type and size.</summary>
    /// <exception cref="DecryptionException">Not the GM/T 0009 structure.</exception>
    private static byte[] FromDer(byte[] der, int size)
    {
        if (der.Length == 0) throw NotTheStructure("it is empty");
        BigInteger x, y;
        byte[] c3, c2;
        try
        {
            // FromByteArray refuses bytes left over after the first object, so nothing is silently ignored.
            var sequence = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(der));
            if (sequence.Count != 4) throw NotTheStructure($"it is a SEQUENCE of {sequence.Count} elements, not 4");
            x = DerInteger.GetInstance(sequence[0]).Value;
            y = DerInteger.GetInstance(sequence[1]).Value;
            c3 = Asn1OctetString.GetInstance(sequence[2]).GetOctets();
            c2 = Asn1OctetString.GetInstance(sequence[3]).GetOctets();
        }
        catch (Exception e) when (e is not DecryptionException)
        {
            // Every failure is caught, not a list of types, so no BouncyCastle exception escapes whatever the bytes hold;
            // and none is chained, since an ASN.1 parser's message may quote what it read.
            throw NotTheStructure($"it does not parse as DER of that shape ({e.GetType().Name})");
        }

        // A coordinate is a field element: non-negative and no wider than the field, so it fits its fixed-width slot.
        if (x.SignValue < 0 || y.SignValue < 0 || x.BitLength > size * 8 || y.BitLength > size * 8)
            throw NotTheStructure("a point coordinate is out of range");
        if (c3.Length != HashLength)
            throw NotTheStructure($"its hash (C3) is {c3.Length} bytes, not the {HashLength} of SM3");
        // An empty C2 has no valid encryption (see Encrypt), so it can only be a damaged value.
        if (c2.Length == 0)
            throw NotTheStructure("its ciphertext (C2) is empty");

        var raw = new byte[1 + 2 * size + HashLength + c2.Length];
        raw[0] = 0x04;
        BigIntegers.AsUnsignedByteArray(x, raw, 1, size);
        BigIntegers.AsUnsignedByteArray(y, raw, 1 + size, size);
        Buffer.BlockCopy(c3, 0, raw, 1 + 2 * size, HashLength);
        Buffer.BlockCopy(c2, 0, raw, 1 + 2 * size + HashLength, c2.Length);
        return raw;
    }

    private static DecryptionException NotTheStructure(string problem)
        => new($"The SM2 sensitive field could not be decrypted: {problem}, where GM/T 0009's SEQUENCE {{ INTEGER x, INTEGER y, OCTET STRING hash, OCTET STRING ciphertext }} is expected. Check the value is the field as WeChat Pay sent it, whole.");
}
