using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.PropertyTests.Support;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>
/// Whatever a correctly signed 200 answer to <c>GET /v3/certificates</c> holds — any JSON value, or a certificate list
/// with any field missing, of another type, or encrypted wrong — the downloader gives certificates or a
/// <see cref="WeChatPayException"/>, sync and async.
/// </summary>
public class CertificateDownloadProperties
{
    private const string Nonce = "61f9fcd1ef2b";

    /// <summary>A certificate for the platform key under <see cref="TestKeys.PlatformSerial"/>, so the documented answer downloads.</summary>
    private static readonly Lazy<string> PlatformCertificatePem = new(() =>
    {
        var request = new CertificateRequest("CN=WeChat Pay platform (test)", TestKeys.PlatformKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(TestKeys.PlatformKey, RSASignaturePadding.Pkcs1),
            now.AddDays(-1), now.AddYears(5), Convert.FromHexString(TestKeys.PlatformSerial));
        return certificate.ExportCertificatePem();
    });

    private static readonly string[] FieldNames =
        ["data", "serial_no", "effective_time", "expire_time", "encrypt_certificate", "algorithm", "nonce", "associated_data", "ciphertext", "x"];

    /// <summary>Any JSON value, a few levels deep, with the names of the documented fields among its keys.</summary>
    private static Gen<JToken> AnyJson(int depth)
    {
        var leaves = Gen.OneOf(
            Gen.Elements<Func<JToken>>(JValue.CreateNull, () => new JValue(true), () => new JValue(0), () => new JValue(-1.5), () => new JValue(""), () => new JValue(long.MaxValue)).Select(make => make()),
            Text.Any(6).Select(s => (JToken)new JValue(s)));
        if (depth == 0) return leaves;
        var inner = AnyJson(depth - 1);
        return Gen.Frequency(
            (3, leaves),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(inner, n)).Select(items => (JToken)new JArray(items))),
            (2, Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Elements(FieldNames), inner), n))
                .Select(fields => (JToken)Object(fields.Select(field => (field.Item1, (JToken?)field.Item2)).ToArray()))));
    }

    /// <summary>An object of the fields given, leaving out those that are null.</summary>
    private static JObject Object((string Name, JToken? Value)[] fields)
    {
        var o = new JObject();
        foreach (var (name, value) in fields)
            if (value is not null) o[name] = value;
        return o;
    }

    /// <summary>A field as documented, absent, or any other JSON value.</summary>
    private static Gen<JToken?> Field(JToken usual) => Gen.Frequency(
        (8, Gen.Constant<JToken?>(usual)),
        (1, Gen.Constant<JToken?>(null)),
        (1, AnyJson(1).Select(t => (JToken?)t)));

    private static Gen<JToken> Ciphertexts(string associatedData) => Gen.Frequency(
        (6, Gen.Constant<JToken>(new AeadAesGcm(TestKeys.ApiV3Key).Encrypt(Nonce, associatedData, PlatformCertificatePem.Value))),
        (1, Gen.Elements("file:///etc/hostname", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "", "-----BEGIN PUBLIC KEY-----")
            .Select(plain => (JToken)new AeadAesGcm(TestKeys.ApiV3Key).Encrypt(Nonce, associatedData, plain))),
        (1, Text.Any(8).Select(plain => (JToken)new AeadAesGcm(TestKeys.ApiV3Key).Encrypt(Nonce, associatedData, plain))),
        (1, Gen.Constant<JToken>(new AeadAesGcm("Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4").Encrypt(Nonce, associatedData, PlatformCertificatePem.Value))),
        (1, Text.Base64(64).Select(s => (JToken)s)));

    /// <summary>A certificate entry close to the documented one: each field right, missing, or some other value.</summary>
    private static readonly Gen<JToken> Entries =
        from serial in Field(TestKeys.PlatformSerial)
        from effective in Field("2026-01-01T00:00:00+08:00")
        from expireValue in Gen.Elements<JToken>("2031-01-01T00:00:00+08:00", "soon")
        from expire in Field(expireValue)
        from algorithm in Field(AeadAesGcm.Algorithm)
        from nonce in Field(Nonce)
        from associatedData in Gen.Elements("certificate", "")
        from associatedDataField in Field(associatedData)
        from ciphertext in Ciphertexts(associatedData)
        from ciphertextField in Field(ciphertext)
        from encryptedIsObject in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from junk in AnyJson(1)
        select Entry(serial, effective, expire, encryptedIsObject
            ? Object([("algorithm", algorithm), ("nonce", nonce), ("associated_data", associatedDataField), ("ciphertext", ciphertextField)])
            : junk);

    private static JToken Entry(JToken? serial, JToken? effective, JToken? expire, JToken encrypted)
        => Object([("serial_no", serial), ("effective_time", effective), ("expire_time", expire), ("encrypt_certificate", encrypted)]);

    /// <summary>Answers: mostly certificate lists of near-documented entries, also any JSON value, cut-off text and nothing.</summary>
    private static readonly Gen<string> Answers = Gen.Frequency(
        (6, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Frequency((6, Entries), (1, AnyJson(1))), n))
            .Select(entries => new JObject { ["data"] = new JArray(entries) }.ToString(Formatting.None))),
        (3, AnyJson(3).Select(json => json.ToString(Formatting.None))),
        (1, Entries.Select(entry => new JObject { ["data"] = new JArray(entry) }.ToString(Formatting.None)).Select(json => json[..(json.Length / 2)])),
        (1, Gen.Constant("")));

    [Test]
    public void Any_signed_answer_gives_certificates_or_a_typed_error()
    {
        using var transport = new ScriptedHandler();
        using var downloader = new PlatformCertificateDownloader(TestKeys.ClientOptions(transport));
        var downloaded = 0;

        PropertyRun.ForAll(Gen.Zip(Answers, Gen.Elements(true, false)), Cases.CertificateAnswers, exchange =>
        {
            var (answer, synchronous) = exchange;
            transport.Answer = _ => Signed(answer);
            IReadOnlyList<PlatformCertificate> certificates;
            try
            {
                certificates = synchronous ? downloader.Download() : downloader.DownloadAsync().GetAwaiter().GetResult();
            }
            catch (WeChatPayException)
            {
                return;
            }
            foreach (var certificate in certificates)
            {
                Assert.That(certificate.Serial, Is.EqualTo(TestKeys.PlatformSerial), "only the generated certificate can decrypt and match its serial");
                Assert.That(certificate.Pem, Is.EqualTo(PlatformCertificatePem.Value));
                _ = certificate.ExpireTime;
                _ = certificate.EffectiveTime;
            }
            downloaded++;
        });

        Assert.That(downloaded, Is.GreaterThan(0), "the generator reaches the success path too");
    }

    private static HttpResponseMessage Signed(string answer)
    {
        var body = Encoding.UTF8.GetBytes(answer);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, timestamp);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Nonce, "nonce");
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, SignedMessage.Sign(timestamp, "nonce", body));
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, TestKeys.PlatformSerial);
        return response;
    }
}
