using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Crypto;

/// <summary>PEM text to keys and certificates, with the BCL's PEM support (filled in by Compatibility/ on netstandard2.0).</summary>
internal static class Pem
{
    /// <summary>The label of the first PEM block (e.g. <c>PRIVATE KEY</c>), or null when the text holds none.</summary>
    public static string? FirstLabel(string text) => PemEncoding.TryFind(text, out var fields) ? text[fields.Label] : null;

    /// <summary>The first well-formed PEM block (its body Base64): its label and DER bytes; null when the text holds none.</summary>
    public static (string Label, byte[] Der)? FirstBlock(string text)
        => PemEncoding.TryFind(text, out var fields) ? (text[fields.Label], Convert.FromBase64String(text[fields.Base64Data])) : null;

    /// <summary>Imports the first RSA key block: PKCS#8 or PKCS#1 private, SPKI or PKCS#1 public.</summary>
    /// <exception cref="CryptographicException">The block is damaged or not RSA.</exception>
    /// <exception cref="ArgumentException">The text holds no RSA key, or more than one.</exception>
    public static RSA ImportRsa(string text)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Reads the first <c>CERTIFICATE</c> block.</summary>
    /// <exception cref="CryptographicException">No such block, or it is not a readable certificate.</exception>
    public static X509Certificate2 Certificate(string text) => X509Certificate2.CreateFromPem(text);
}
