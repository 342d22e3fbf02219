using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Simulator.Profiles;

/// <summary>Issues the self-signed RSA certificates a profile needs.</summary>
internal static class SelfSignedCertificate
{
    /// <summary>
    /// Issues a certificate with a 20-byte serial whose first byte is at least 0x10, so the serial prints as 40 upper-case
    /// hex digits with no leading zero byte, the shape WeChat Pay's serials have.
    /// </summary>
    public static X509Certificate2 Issue(RSA key, string subject, DateTimeOffset notBefore, TimeSpan lifetime)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var serial = RandomNumberGenerator.GetBytes(20);
        serial[0] = (byte)(0x10 + serial[0] % 0x70);
        var generator = X509SignatureGenerator.CreateForRSA(key, RSASignaturePadding.Pkcs1);
        return request.Create(request.SubjectName, generator, notBefore, notBefore + lifetime, serial);
    }
}
