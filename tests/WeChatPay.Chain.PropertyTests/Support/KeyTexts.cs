using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests.Support;

/// <summary>
/// Text given where a key is expected: junk, PEM blocks with any label around random or damaged real DER (keys,
/// certificates, EC keys), mismatched or repeated blocks, and <c>file://</c> paths that lead nowhere useful.
/// </summary>
internal static class KeyTexts
{
    private static readonly string[] Labels = ["PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "EC PRIVATE KEY", "X509 CRL", "PRIVATE  KEY", ""];

    private static readonly Lazy<byte[][]> RealDer = new(() =>
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=damaged", TestKeys.PlatformKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return
        [
            TestKeys.MerchantKey.ExportPkcs8PrivateKey(),
            TestKeys.MerchantKey.ExportRSAPrivateKey(),
            TestKeys.PlatformKey.ExportSubjectPublicKeyInfo(),
            TestKeys.PlatformKey.ExportRSAPublicKey(),
            certificate.RawData,
            ec.ExportPkcs8PrivateKey(),
        ];
    });

    /// <summary>The PEM body of the merchant's real private key, which no error message may quote.</summary>
    public static string MerchantKeyBody => Convert.ToBase64String(TestKeys.MerchantKey.ExportPkcs8PrivateKey());

    /// <summary>Random text, real and damaged key DER as PEM (certificates included), PEM pairs, junk before a block, and file paths.</summary>
    public static Gen<string> Any()
    {
        var pem = Pem();
        return Gen.Frequency(
            (2, Text.Any()),
            (6, pem),
            (1, from first in pem from second in pem select first + "\n" + second),
            (1, from junk in Text.Any(6) from block in pem select junk + block),
            (1, Paths));
    }

    /// <summary>The real certificate with a few bytes changed, as PEM: most no longer parse, some parse with a damaged key.</summary>
    public static Gen<string> DamagedCertificates() =>
        from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 100_000), Gen.Choose(1, 255)), 2)
        select PemEncoding.WriteString("CERTIFICATE", Damage(RealDer.Value[4], flips));

    /// <summary>The real DERs whole, damaged by flips or cut short, or random bytes; index 4 is the certificate.</summary>
    private static Gen<byte[]> Ders()
    {
        return Gen.Frequency(
            (2, Bytes.Any(400)),
            (2, Gen.Choose(0, 5).Select(i => RealDer.Value[i])),
            (5, from i in Gen.Choose(0, 5) from flips in Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 100_000), Gen.Choose(1, 255)), 3) select Damage(RealDer.Value[i], flips)),
            (2, from i in Gen.Choose(0, 5) from cut in Gen.Choose(0, 1_000) select RealDer.Value[i][..(cut % RealDer.Value[i].Length)]));
    }

    private static Gen<string> Pem() =>
        from label in Gen.Frequency((6, Gen.Elements(Labels)), (1, Text.Ascii(12)))
        from endLabel in Gen.Frequency((8, Gen.Constant(label)), (1, Gen.Elements(Labels)))
        from der in Ders()
        from wrapped in Gen.Elements(true, false)
        select $"-----BEGIN {label}-----\n{Wrap(Convert.ToBase64String(der), wrapped)}\n-----END {endLabel}-----\n";

    private static readonly Gen<string> Paths = Gen.OneOf(
        Text.Any(6).Select(s => "file://" + s),
        Gen.Elements("file://", "file:///", "file:///nonexistent/apiclient_key.pem", "file://" + Path.GetTempPath(), "FILE:///etc/hostname", "file:///a\0b.pem"));

    private static byte[] Damage(byte[] der, (int At, int Xor)[] flips)
    {
        var copy = der.ToArray();
        foreach (var (at, xor) in flips) copy[at % copy.Length] ^= (byte)xor;
        return copy;
    }

    private static string Wrap(string base64, bool wrapped) => wrapped ? string.Join('\n', base64.Chunk(64).Select(c => new string(c))) : base64;
}
