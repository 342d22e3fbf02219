using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>Self-signed RSA certificates made on the spot, with the serial and validity a test needs.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<RSA> SharedKey = new(() => RSA.Create(2048));

    /// <summary>
    /// A certificate over <paramref name="key"/> (a shared 2048-bit key when null) whose DER serial is exactly
    /// <paramref name="serialHex"/>, valid from <paramref name="notBefore"/> (when null, a time before now) until
    /// <paramref name="notAfter"/> (a year from now when null).
    /// </summary>
    public static X509Certificate2 Make(string serialHex, DateTimeOffset? notAfter = null, RSA? key = null, DateTimeOffset? notBefore = null)
    {
        key ??= SharedKey.Value;
        var request = new CertificateRequest("CN=WeChat Pay test platform", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddYears(1);
        var generator = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
        // Valid now, as a client requires of every platform certificate, and expiring when the test says.
        var from = notBefore ?? (until.AddYears(-2) < DateTimeOffset.UtcNow ? until.AddYears(-2) : DateTimeOffset.UtcNow.AddDays(-1));
        var certificate = request.Create(request.SubjectName, generator, from, until, Convert.FromHexString(serialHex));
        return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    /// <summary>The certificate as PEM text.</summary>
    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    /// <summary>Writes the certificate's PEM to a new temporary file and returns its <c>file://</c> URI; the caller deletes the file.</summary>
    public static string File(X509Certificate2 certificate, out string path)
    {
        path = Path.Combine(Path.GetTempPath(), $"wechatpay-chain-cert-{Guid.NewGuid():N}.pem");
        System.IO.File.WriteAllText(path, Pem(certificate));
        return Rsa.FilePrefix + path;
    }
}
