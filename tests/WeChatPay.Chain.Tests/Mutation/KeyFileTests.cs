using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// Key and certificate files are read whole up to 64 KB (65,536 characters) and refused beyond, so that a path to a
/// device or a log fails at once; a file at the cap is read to its end.
/// </summary>
public class KeyFileTests
{
    private const int Cap = 64 * 1024;

    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files) File.Delete(file);
        _files.Clear();
    }

    /// <summary>A file of exactly <paramref name="length"/> characters whose PEM block stands at its very end, after blank lines.</summary>
    private string FileEndingWith(string pem, int length)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wechatpay-chain-keyfile-{Guid.NewGuid():N}.pem");
        _files.Add(path);
        File.WriteAllText(path, new string('\n', length - pem.Length) + pem);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(length));
        return Rsa.FilePrefix + path;
    }

    [Test]
    public void A_private_key_file_of_exactly_64_KB_is_read_to_its_end()
    {
        var key = Rsa.LoadPrivateKey(FileEndingWith(Fixtures.Text("merchant_key.pem"), Cap));
        Assert.That(Rsa.Sign(key, Fixtures.Bytes("request_message.txt")), Is.EqualTo(Fixtures.Text("request_signature.txt").Trim()));
    }

    [Test]
    public void A_certificate_file_of_exactly_64_KB_is_read_to_its_end()
    {
        var keys = PlatformKeys.Load([new(Fixtures.PlatformSerial, FileEndingWith(Fixtures.Text("platform_cert.pem"), Cap))], Fixtures.MerchantSerial);
        Assert.That(keys.Ids, Is.EqualTo(new[] { Fixtures.PlatformSerial }));
        using var certificate = Rsa.LoadCertificate(FileEndingWith(Fixtures.Text("platform_cert.pem"), Cap));
        Assert.That(Rsa.CertificateSerial(certificate), Is.EqualTo(Fixtures.PlatformSerial));
    }

    [Test]
    public void A_file_one_character_over_64_KB_is_refused_naming_the_cap()
    {
        var uri = FileEndingWith(Fixtures.Text("merchant_key.pem"), Cap + 1);
        Assert.Multiple(() =>
        {
            Assert.That(() => Rsa.LoadPrivateKey(uri), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("the file is larger than 64 KB, far more than a key or certificate"));
            Assert.That(() => Rsa.LoadPublicKey(uri), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("larger than 64 KB"));
            Assert.That(() => Rsa.LoadCertificate(uri), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("larger than 64 KB"));
        });
    }

    [Test]
    public void An_empty_key_file_holds_no_pem_block()
        => Assert.That(() => Rsa.LoadPrivateKey(FileEndingWith("", 0)), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("holds no PEM block"));
}
