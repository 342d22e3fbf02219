using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace WeChatPay.Chain.Compatibility;

/// <summary>Where .NET 10's <c>PemEncoding.TryFind</c> found a block: its label and its Base64 body.</summary>
internal readonly struct PemFields(Range label, Range base64Data)
{
    /// <summary>The position of the label in the text searched.</summary>
    public Range Label { get; } = label;

    /// <summary>The position of the Base64 body (white space included) in the text searched.</summary>
    public Range Base64Data { get; } = base64Data;
}

/// <summary>.NET 10's search for the first PEM block, which netstandard2.0 lacks.</summary>
internal static class PemEncoding
{
    /// <summary>Finds the first well-formed block: BEGIN and END lines alike, Base64 between.</summary>
    public static bool TryFind(string text, out PemFields fields)
    {
        var block = PemBlock.Find(text, _ => true);
        fields = block is null ? default : new PemFields(new Range(block.LabelStart, block.LabelStart + block.Label.Length), block.Base64);
        return block is not null;
    }
}

/// <summary>A PEM block: its label, where the label starts in the text, the DER it holds, and where its Base64 is.</summary>
internal sealed record PemBlock(string Label, int LabelStart, byte[] Der, Range Base64)
{
    /// <summary>The first well-formed block whose label <paramref name="wanted"/> accepts.</summary>
    public static PemBlock? Find(string text, Func<string, bool> wanted)
    {
        const string Begin = "-----BEGIN ", Dashes = "-----";
        for (var at = text.IndexOf(Begin, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Begin, at + 1, StringComparison.Ordinal))
        {
            var labelStart = at + Begin.Length;
            var labelEnd = text.IndexOf(Dashes, labelStart, StringComparison.Ordinal);
            if (labelEnd < 0) return null;
            var label = text.Substring(labelStart, labelEnd - labelStart);
            if (label.IndexOfAny(['\r', '\n', '-']) >= 0) continue;
            var end = $"-----END {label}-----";
            var bodyStart = labelEnd + Dashes.Length;
            var bodyEnd = text.IndexOf(end, bodyStart, StringComparison.Ordinal);
            if (bodyEnd < 0 || !wanted(label)) continue;
            try
            {
                return new PemBlock(label, labelStart, Convert.FromBase64String(text.Substring(bodyStart, bodyEnd - bodyStart)), new Range(bodyStart, bodyEnd));
            }
            catch (FormatException)
            {
                continue;
            }
        }
        return null;
    }
}

/// <summary>
/// .NET 10's PEM import of RSA keys and certificates, which netstandard2.0 lacks: the blocks are found here and their
/// DER read by BouncyCastle into the BCL's <see cref="RSA"/>.
/// </summary>
internal static class PemImport
{
    extension(RSA rsa)
    {
        /// <summary>Imports the first RSA key block: PKCS#8 or PKCS#1 private, SPKI or PKCS#1 public.</summary>
        /// <exception cref="ArgumentException">The text holds no RSA key block.</exception>
        /// <exception cref="CryptographicException">The block is damaged or not RSA.</exception>
        public void ImportFromPem(string text)
        {
            var block = PemBlock.Find(text, label => label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "PUBLIC KEY" or "RSA PUBLIC KEY")
                ?? throw new ArgumentException("No supported key formats were found.", nameof(text));
            rsa.ImportParameters(ParametersOf(block));
        }
    }

    extension(X509Certificate2)
    {
        /// <summary>Reads the first <c>CERTIFICATE</c> block.</summary>
        /// <exception cref="CryptographicException">No such block, or it is not a readable certificate.</exception>
        public static X509Certificate2 CreateFromPem(string text)
        {
            var block = PemBlock.Find(text, label => label == "CERTIFICATE") ?? throw new CryptographicException("No CERTIFICATE PEM block was found.");
            // An empty array makes an empty certificate object rather than an error; refuse it here.
            if (block.Der.Length == 0) throw new CryptographicException("The CERTIFICATE block is empty.");
            return new X509Certificate2(block.Der);
        }
    }

    private static RSAParameters ParametersOf(PemBlock block)
    {
        try
        {
            return block.Label switch
            {
                "PRIVATE KEY" => PrivateParameters(PrivateKeyFactory.CreateKey(block.Der) as RsaPrivateCrtKeyParameters),
                "RSA PRIVATE KEY" => DotNetUtilities.ToRSAParameters(RsaPrivateKeyStructure.GetInstance(Asn1Sequence.GetInstance(block.Der))),
                "PUBLIC KEY" => PublicParameters(PublicKeyFactory.CreateKey(block.Der) as RsaKeyParameters),
                _ => PublicParameters(RsaPublicKeyStructure.GetInstance(Asn1Sequence.GetInstance(block.Der))),
            };
        }
        catch (Exception e) when (e is not CryptographicException)
        {
            // Neither BouncyCastle's message nor the exception is passed on: a parser's message may quote what it read.
            throw new CryptographicException($"The {block.Label} block is damaged ({e.GetType().Name}).");
        }
    }

    private static RSAParameters PrivateParameters(RsaPrivateCrtKeyParameters? key)
        => DotNetUtilities.ToRSAParameters(key ?? throw new CryptographicException("The PRIVATE KEY block holds a key that is not RSA."));

    private static RSAParameters PublicParameters(RsaKeyParameters? key)
    {
        if (key is null || key.IsPrivate) throw new CryptographicException("The PUBLIC KEY block holds a key that is not RSA.");
        return DotNetUtilities.ToRSAParameters(key);
    }

    private static RSAParameters PublicParameters(RsaPublicKeyStructure key)
        => DotNetUtilities.ToRSAParameters(new RsaKeyParameters(false, key.Modulus, key.PublicExponent));
}
