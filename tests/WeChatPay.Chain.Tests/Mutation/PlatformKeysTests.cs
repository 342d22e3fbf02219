using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// What <see cref="PlatformKeys"/> lets into the map responses are verified with: a downloaded certificate never
/// replaces a key already known, and a certificate read from a <c>file://</c> path passes the same checks as inline PEM.
/// </summary>
public class PlatformKeysTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("1700000000\nnonce\n{}\n");

    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files) File.Delete(file);
        _files.Clear();
    }

    private string FileOf(X509Certificate2 certificate)
    {
        var uri = TestCertificates.File(certificate, out var path);
        _files.Add(path);
        return uri;
    }

    private static bool Verifies(PlatformKeys keys, string id, RSA signer)
        => ((IVerifier)keys).Verify(id, Message, Rsa.Sign(signer, Message));

    [Test]
    public void A_downloaded_certificate_under_a_known_serial_does_not_replace_the_known_key()
    {
        using var other = RSA.Create(2048);
        using var impostor = TestCertificates.Make(Fixtures.PlatformSerial, key: other);
        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"))], Fixtures.MerchantSerial);

        var added = keys.Add([new PlatformCertificate(Fixtures.PlatformSerial, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(5), TestCertificates.Pem(impostor))]);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.Empty);
            Assert.That(Verifies(keys, Fixtures.PlatformSerial, Fixtures.PlatformKey.Value), Is.True, "the key first known still verifies");
            Assert.That(Verifies(keys, Fixtures.PlatformSerial, other), Is.False, "the downloaded key was not taken");
        });
    }

    [Test]
    public void A_known_serial_is_matched_in_any_case_when_certificates_are_added()
    {
        using var other = RSA.Create(2048);
        using var impostor = TestCertificates.Make(Fixtures.PlatformSerial, key: other);
        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, Fixtures.Text("platform_cert.pem"))], Fixtures.MerchantSerial);

        var added = keys.Add([new PlatformCertificate(Fixtures.PlatformSerial.ToLowerInvariant(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(5), TestCertificates.Pem(impostor))]);

        Assert.That(added, Is.Empty);
        Assert.That(Verifies(keys, Fixtures.PlatformSerial, Fixtures.PlatformKey.Value), Is.True);
    }

    [Test]
    public void New_serials_are_added_and_returned_and_the_latest_expiring_becomes_the_encryption_key()
    {
        using var soonKey = RSA.Create(2048);
        using var lateKey = RSA.Create(2048);
        using var soon = TestCertificates.Make("5A01", DateTimeOffset.UtcNow.AddYears(1), soonKey);
        using var late = TestCertificates.Make("5A02", DateTimeOffset.UtcNow.AddYears(3), lateKey);
        var keys = PlatformKeys.Load([], Fixtures.MerchantSerial, allowEmpty: true);

        var added = keys.Add([
            new PlatformCertificate("5A02", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(3), TestCertificates.Pem(late)),
            new PlatformCertificate("5A01", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1), TestCertificates.Pem(soon)),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(new[] { "5A02", "5A01" }));
            Assert.That(keys.EncryptionKeyId, Is.EqualTo("5A02"));
            Assert.That(Verifies(keys, "5A01", soonKey), Is.True);
            Assert.That(Verifies(keys, "5A02", lateKey), Is.True);
            Assert.That(keys.Add([new PlatformCertificate("5A01", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(9), TestCertificates.Pem(soon))]), Is.Empty);
            Assert.That(keys.EncryptionKeyId, Is.EqualTo("5A02"), "a certificate not added changes no expiry");
        });
    }

    [Test]
    public void A_certificate_file_under_a_serial_that_is_not_its_own_is_refused_as_inline_pem_is()
    {
        var path = Fixtures.FileUri("platform_cert.pem");
        var e = Assert.Throws<ConfigurationException>(() => PlatformKeys.Load([new("5F00AB", path)], Fixtures.MerchantSerial));
        Assert.That(e!.Message, Does.Contain($"holds the certificate with serial {Fixtures.PlatformSerial}"));
    }

    [Test]
    public void A_certificate_file_holding_the_merchant_certificate_is_refused_under_any_id()
    {
        var path = Fixtures.FileUri("merchant_cert.pem");
        Assert.Multiple(() =>
        {
            Assert.That(() => PlatformKeys.Load([new("5F00AB", path)], Fixtures.MerchantSerial), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("the merchant's own certificate serial"));
            Assert.That(() => PlatformKeys.Load([new(Fixtures.PublicKeyId, path)], Fixtures.MerchantSerial), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("the merchant's own certificate serial"));
        });
    }

    [Test]
    public void The_expiry_of_certificate_files_chooses_the_encryption_key_as_for_inline_pem()
    {
        using var soon = TestCertificates.Make("5B01", DateTimeOffset.UtcNow.AddYears(1));
        using var late = TestCertificates.Make("5B02", DateTimeOffset.UtcNow.AddYears(3));
        foreach (var order in new[] { new[] { soon, late }, new[] { late, soon } })
        {
            var fromFiles = PlatformKeys.Load(order.Select(c => new KeyValuePair<string, object>(Rsa.CertificateSerial(c), FileOf(c))), Fixtures.MerchantSerial);
            var inline = PlatformKeys.Load(order.Select(c => new KeyValuePair<string, object>(Rsa.CertificateSerial(c), TestCertificates.Pem(c))), Fixtures.MerchantSerial);
            Assert.That(fromFiles.EncryptionKeyId, Is.EqualTo("5B02"));
            Assert.That(inline.EncryptionKeyId, Is.EqualTo("5B02"));
        }
    }

    [Test]
    public void A_certificate_file_under_its_own_serial_loads_and_verifies()
    {
        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, Fixtures.FileUri("platform_cert.pem"))], Fixtures.MerchantSerial);
        Assert.That(Verifies(keys, Fixtures.PlatformSerial, Fixtures.PlatformKey.Value), Is.True);
    }

    [Test]
    public void A_missing_certificate_file_is_reported_with_its_path()
    {
        var e = Assert.Throws<ConfigurationException>(() => PlatformKeys.Load([new(Fixtures.PlatformSerial, "file:///nonexistent/platform_cert.pem")], Fixtures.MerchantSerial));
        Assert.That(e!.Message, Does.Contain("cannot read the file '/nonexistent/platform_cert.pem'"));
    }

    [Test]
    public void A_public_key_file_under_a_serial_is_taken_without_a_certificate_check()
    {
        var keys = PlatformKeys.Load([new("5F00AB", Fixtures.FileUri("platform_pub.pem"))], Fixtures.MerchantSerial);
        Assert.That(Verifies(keys, "5F00AB", Fixtures.PlatformKey.Value), Is.True);
    }

    [Test]
    public void A_certificate_object_given_in_certs_stays_the_callers_and_usable()
    {
        using var given = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Fixtures.Text("platform_cert.pem")
            .Replace("-----BEGIN CERTIFICATE-----", "").Replace("-----END CERTIFICATE-----", "")));

        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, given)], Fixtures.MerchantSerial);

        Assert.That(Verifies(keys, Fixtures.PlatformSerial, Fixtures.PlatformKey.Value), Is.True);
        Assert.That(() => given.GetRSAPublicKey(), Throws.Nothing, "the caller's certificate was not disposed");
        Assert.That(Rsa.CertificateSerial(given), Is.EqualTo(Fixtures.PlatformSerial));
    }

    [Test]
    public void Without_a_key_of_the_merchants_scheme_the_encryption_key_is_chosen_among_all()
    {
        var keys = PlatformKeys.Load([new("5D01", Fixtures.Text("sm2_pub.pem"))], Fixtures.MerchantSerial);

        Assert.That(keys.EncryptionKeyId, Is.EqualTo("5D01"), "an RSA merchant with only an SM2 key encrypts for that key");
        Assert.That(() => keys.EncryptionKey(), Throws.TypeOf<ConfigurationException>().With.Message.EqualTo(
            "The encryption key 5D01 is an SM2 key (国密), not RSA; sensitive fields are encrypted for it by the client's json option."));
    }

    [Test]
    public void A_public_key_under_a_serial_is_the_encryption_key_when_nothing_else_decides()
    {
        var keys = PlatformKeys.Load([new("5D02", Fixtures.Text("platform_pub.pem"))], Fixtures.MerchantSerial);

        Assert.That(keys.EncryptionKeyId, Is.EqualTo("5D02"));
        Assert.That(keys.EncryptionKey().Id, Is.EqualTo("5D02"));
    }

    [Test]
    public void The_wechat_pay_public_key_is_the_encryption_key_before_any_certificate()
    {
        using var late = TestCertificates.Make("5D03", DateTimeOffset.UtcNow.AddYears(9));
        var keys = PlatformKeys.Load([new("5D03", TestCertificates.Pem(late)), new(Fixtures.PublicKeyId, Fixtures.Text("platform_pub.pem"))], Fixtures.MerchantSerial);

        Assert.That(keys.EncryptionKeyId, Is.EqualTo(Fixtures.PublicKeyId));
    }

    [Test]
    public void No_certs_at_all_is_an_empty_map_only_when_allowed()
    {
        Assert.That(PlatformKeys.Load(null, Fixtures.MerchantSerial, allowEmpty: true).Ids, Is.Empty);
        Assert.That(() => PlatformKeys.Load(null, Fixtures.MerchantSerial), Throws.TypeOf<ConfigurationException>().With.Message.StartsWith("Certs is empty: responses cannot be verified without WeChat Pay's key."));
    }

    [Test]
    public void The_merchant_key_given_to_load_refuses_its_public_half_under_any_id()
    {
        var merchantPublic = Fixtures.MerchantKey.Value.ExportSubjectPublicKeyInfoPem();

        Assert.That(() => PlatformKeys.Load([new(Fixtures.PublicKeyId, merchantPublic)], Fixtures.MerchantSerial, merchantKey: Fixtures.MerchantKey.Value),
            Throws.TypeOf<ConfigurationException>().With.Message.StartsWith($"Certs[\"{Fixtures.PublicKeyId}\"] holds the merchant's own public key, the public half of PrivateKey."));
        Assert.That(PlatformKeys.Load([new(Fixtures.PublicKeyId, merchantPublic)], Fixtures.MerchantSerial).Ids, Is.EqualTo(new[] { Fixtures.PublicKeyId }),
            "without the merchant key nothing tells the two apart");
    }

    [Test]
    public void A_downloaded_certificate_that_does_not_load_is_named_by_its_serial()
    {
        var keys = PlatformKeys.Load([], Fixtures.MerchantSerial, allowEmpty: true);

        var e = Assert.Throws<ConfigurationException>(() => keys.Add([new PlatformCertificate("5D04", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(1), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]))!;

        Assert.That(e.Message, Does.Contain("platform certificate 5D04"));
        Assert.That(keys.Ids, Is.Empty);
    }
}
