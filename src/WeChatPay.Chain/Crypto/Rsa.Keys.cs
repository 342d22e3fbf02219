using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Crypto;

/// <summary>
/// RSA key loading and the RSA operations WeChat Pay uses, like wechatpay-php's <c>Rsa</c> class.
/// Load keys once and keep the returned <see cref="RSA"/>; importing PEM is far slower than signing.
/// </summary>
public static partial class Rsa
{
    /// <summary>The prefix that marks a key given as a file path, as in wechatpay-php: <c>file:///path/apiclient_key.pem</c>.</summary>
    public const string FilePrefix = "file://";

    /// <summary>
    /// Loads a merchant private key from an <see cref="RSA"/>, a PEM string (PKCS#8 <c>PRIVATE KEY</c> or
    /// PKCS#1 <c>RSA PRIVATE KEY</c>) or a <c>file://</c> path to such a PEM file.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="setting">The name of the setting it came from, used in error messages.</param>
    /// <exception cref="ConfigurationException">
    /// The key is missing, unreadable, encrypted, not an RSA private key, or an <see cref="RSA"/> that holds only a public key.
    /// </exception>
    public static RSA LoadPrivateKey(object? key, string setting = "PrivateKey")
    {
        if (key is RSA rsa) return RequirePrivatePart(rsa, setting);
        var (pem, origin) = ReadPem(key, setting);
        if (Pem.FirstLabel(pem) is not { } label)
            throw new ConfigurationException($"{setting} ({origin}) holds no PEM block. Give the merchant private key apiclient_key.pem: it starts with '-----BEGIN PRIVATE KEY-----'.");
        switch (label)
        {
            case "PRIVATE KEY":
            case "RSA PRIVATE KEY":
                return Import(pem, setting, origin, "an RSA private key");
            case "ENCRYPTED PRIVATE KEY":
                throw new ConfigurationException($"{setting} ({origin}) is an encrypted private key. Decrypt it once, e.g. 'openssl pkey -in key.pem -out apiclient_key.pem', and keep the result as safe as the original.");
            case "CERTIFICATE":
            case "PUBLIC KEY":
            case "RSA PUBLIC KEY":
                throw new ConfigurationException($"{setting} ({origin}) is a {label.ToLowerInvariant()}, not a private key. Give the merchant private key apiclient_key.pem ('-----BEGIN PRIVATE KEY-----').");
            default:
                throw new ConfigurationException($"{setting} ({origin}) is a '{label}' PEM block, not an RSA private key. Give the merchant private key apiclient_key.pem ('-----BEGIN PRIVATE KEY-----').");
        }
    }

    /// <summary>
    /// Checks that an <see cref="RSA"/> given as a private key can sign, by signing a few bytes once. Exporting the
    /// private parameters would refuse keys that sign but may not be exported (a key store, a hardware module).
    /// </summary>
    /// <exception cref="ConfigurationException">The object holds only a public key.</exception>
    private static RSA RequirePrivatePart(RSA rsa, string setting)
    {
        try
        {
            rsa.SignData(PrivatePartProbe, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return rsa;
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException($"{setting} is an RSA object that holds only a public key, so it cannot sign requests. Give the merchant private key apiclient_key.pem ('-----BEGIN PRIVATE KEY-----'), as an RSA loaded from it, its PEM text or a file:// path.", e);
        }
    }

    private static readonly byte[] PrivatePartProbe = [0x57, 0x65, 0x43, 0x68, 0x61, 0x74];

    /// <summary>
    /// Loads a public key from an <see cref="RSA"/>, an <see cref="X509Certificate2"/>, a PEM string (SPKI <c>PUBLIC KEY</c>,
    /// PKCS#1 <c>RSA PUBLIC KEY</c> or an X.509 <c>CERTIFICATE</c>) or a <c>file://</c> path to one.
    /// </summary>
    /// <param name="key">The key or certificate.</param>
    /// <param name="setting">The name of the setting it came from, used in error messages.</param>
    /// <exception cref="ConfigurationException">The key is missing, unreadable, a private key, or not RSA.</exception>
    public static RSA LoadPublicKey(object? key, string setting = "Certs")
    {
        switch (key)
        {
            case RSA rsa:
                return rsa;
            case X509Certificate2 certificate:
                try
                {
                    return certificate.GetRSAPublicKey()
                        ?? throw new ConfigurationException($"{setting}: the certificate {CertificateSerial(certificate)} does not hold an RSA key.");
                }
                catch (CryptographicException e)
                {
                    throw new ConfigurationException($"{setting}: the certificate {CertificateSerial(certificate)} has a damaged public key: {e.Message}", e);
                }
        }
        var (pem, origin) = ReadPem(key, setting);
        if (Pem.FirstLabel(pem) is not { } label)
            throw new ConfigurationException($"{setting} ({origin}) holds no PEM block. Give a platform certificate ('-----BEGIN CERTIFICATE-----') or a WeChat Pay public key ('-----BEGIN PUBLIC KEY-----').");
        switch (label)
        {
            case "CERTIFICATE":
                using (var certificate = ParseCertificate(pem, setting, origin))
                    return LoadPublicKey(certificate, setting);
            case "PUBLIC KEY":
            case "RSA PUBLIC KEY":
                return Import(pem, setting, origin, "an RSA public key");
            case "PRIVATE KEY":
            case "RSA PRIVATE KEY":
            case "ENCRYPTED PRIVATE KEY":
                throw new ConfigurationException($"{setting} ({origin}) is a private key. Verification takes WeChat Pay's platform certificate or public key, never a private key; keep private keys out of {setting}.");
            default:
                throw new ConfigurationException($"{setting} ({origin}) is a '{label}' PEM block, not an RSA public key or certificate.");
        }
    }

    /// <summary>Loads an X.509 certificate from a PEM string or a <c>file://</c> path.</summary>
    /// <exception cref="ConfigurationException">The text is not a PEM certificate.</exception>
    public static X509Certificate2 LoadCertificate(string certificate, string setting = "certificate")
    {
        var (pem, origin) = ReadPem(certificate, setting);
        return ParseCertificate(pem, setting, origin);
    }

    /// <summary>
    /// The certificate's serial number as WeChat Pay writes it: upper-case hex, big-endian, without the leading
    /// <c>00</c> byte DER adds when the high bit is set.
    /// </summary>
    public static string CertificateSerial(X509Certificate2 certificate)
    {
        // DER puts one 00 byte before a serial whose high bit is set, and no other: a DER INTEGER is minimal.
        var serial = certificate.SerialNumber;
        return (serial.Length > 2 && serial.StartsWith("00", StringComparison.Ordinal) ? serial[2..] : serial).ToUpperInvariant();
    }

    /// <summary>Key and certificate files are a few kilobytes; a bundle of several certificates stays far below this.</summary>
    private const int MaxKeyFileChars = 64 * 1024;

    /// <summary>
    /// Reads a key or certificate file, at most <see cref="MaxKeyFileChars"/> characters: a path to a device or a huge
    /// file (<c>/dev/zero</c>, a log) fails at once instead of filling memory.
    /// </summary>
    /// <exception cref="IOException">The file is larger, or cannot be read.</exception>
    internal static string ReadKeyFile(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[MaxKeyFileChars + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = reader.Read(buffer, total, buffer.Length - total);
            if (read == 0) break;
            total += read;
        }
        if (total > MaxKeyFileChars) throw new IOException($"the file is larger than {MaxKeyFileChars / 1024} KB, far more than a key or certificate");
        return new string(buffer, 0, total);
    }

    /// <summary>
    /// A path given without <c>file://</c>: the setting takes PEM text or a <c>file://</c> URI, and a bare path would
    /// otherwise be read as key text with no PEM block in it.
    /// </summary>
    private static string BarePath(string setting, string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = path;
        }
        var uri = FilePrefix + (full.StartsWith("/", StringComparison.Ordinal) ? full : "/" + full.Replace('\\', '/'));
        var found = File.Exists(full) ? "the file is there" : "no file is there either, so check the path too";
        return $"{setting} is '{path}', which looks like a file path, not PEM text: write it as '{uri}' (file:// and then the absolute path), or give the PEM text itself; {found}.";
    }

    private static bool LooksLikeFilePath(string path)
        => path.Length <= 260 && System.Text.RegularExpressions.Regex.IsMatch(path, @"\.[A-Za-z0-9]{1,8}$");

    private static X509Certificate2 ParseCertificate(string pem, string setting, string origin)
    {
        try
        {
            return Pem.Certificate(pem);
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException($"{setting} ({origin}) is not a readable X.509 certificate: {e.Message}", e);
        }
    }

    private static RSA Import(string pem, string setting, string origin, string expected)
    {
        try
        {
            return Pem.ImportRsa(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ConfigurationException($"{setting} ({origin}) is not {expected}: the PEM block could not be imported (is it another key type, such as EC or SM2, or damaged?).", e is ArgumentException ? null : e);
        }
    }

    /// <summary>The PEM text of a key setting (inline, or read from a <c>file://</c> path) and where it came from, for messages.</summary>
    /// <exception cref="ConfigurationException">The setting is empty, unreadable or of another type.</exception>
    internal static (string Pem, string Origin) ReadPem(object? key, string setting)
    {
        switch (key)
        {
            case null:
                throw new ConfigurationException($"{setting} is not set.");
            case string { Length: 0 } or string when string.IsNullOrWhiteSpace((string)key):
                throw new ConfigurationException($"{setting} is empty.");
            case string path when path.StartsWith(FilePrefix, StringComparison.OrdinalIgnoreCase):
                var file = path[FilePrefix.Length..];
                if (file.Contains("-----BEGIN", StringComparison.Ordinal) || file.Contains('\n') || file.Length > 4096)
                    throw new ConfigurationException($"{setting} starts with file:// but what follows is not a file path (it looks like key text). Give either file:///path/to/key.pem or the PEM text itself.");
                // A path is shown in errors only when it looks like one: key text pasted after file:// must not be echoed.
                var showable = LooksLikeFilePath(file);
                try
                {
                    return (ReadKeyFile(file), showable ? $"file {file}" : "a file");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    throw showable
                        ? new ConfigurationException($"{setting}: cannot read the file '{file}': {e.Message}", e)
                        : new ConfigurationException($"{setting}: cannot read the value after file:// ({file.Length} characters, not shown: is it key text?): {e.GetType().Name}.");
                }
            case string path when !path.Contains("-----BEGIN", StringComparison.Ordinal) && path.IndexOfAny(['\r', '\n']) < 0 && LooksLikeFilePath(path.Trim()):
                throw new ConfigurationException(BarePath(setting, path.Trim()));
            case string pem:
                return (pem, "inline PEM");
            default:
                throw new ConfigurationException($"{setting} is a {key.GetType().Name}; give an RSA key, a PEM string, or a 'file://' path.");
        }
    }
}
