using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Certificates;

/// <summary>Whether a platform certificate is within its validity period, and if not, the words that say so.</summary>
internal static class CertificateValidity
{
    /// <summary>Null when <paramref name="now"/> is within the certificate's period; otherwise what is wrong, dates included.</summary>
    public static string? Describe(X509Certificate2 certificate, DateTimeOffset now)
    {
        var from = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var until = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (now >= from && now <= until) return null;
        var state = now < from ? "is not valid yet" : "has expired";
        return $"{state}: it is valid from {Utc(from)} to {Utc(until)}, and it is {Utc(now)} now";
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
