using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class SensitiveFieldTests : StubbedClientTest
{

    private static string PlatformDecrypt(string ciphertext)
        => Encoding.UTF8.GetString(Fixtures.PlatformKey.Value.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1));

    [Test]
    public void Sensitive_values_are_encrypted_for_the_platform_key_and_the_serial_header_is_added()
    {
        Client.Send(HttpMethod.Post, "v3/profitsharing/receivers/add", new { json = new { type = "PERSONAL_OPENID", account = "o-abc", name = new Sensitive("张三") } });
        var body = JObject.Parse(Stub.Last.BodyText);
        Assert.That(PlatformDecrypt((string)body["name"]!), Is.EqualTo("张三"));
        Assert.That((string?)body["account"], Is.EqualTo("o-abc"));
        Assert.That(Stub.Last.Header("Wechatpay-Serial"), Is.EqualTo(Fixtures.PublicKeyId), "the WeChat Pay public key is preferred");
    }

    [Test]
    public void A_sensitive_value_longer_than_oaep_takes_is_refused_without_quoting_it()
    {
        // RSA-2048 with OAEP-SHA1 takes 256 - 42 = 214 bytes: 71 Chinese characters (213 bytes) and one more byte fit.
        var longest = new string('张', 71) + "x";
        var tooLong = new string('张', 72);

        Client.Send(HttpMethod.Post, "v3/x", new { json = new { address = new Sensitive(longest) } });
        Assert.That(PlatformDecrypt((string)JObject.Parse(Stub.Last.BodyText)["address"]!), Is.EqualTo(longest));

        var e = Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x", new { json = new { address = new Sensitive(tooLong) } }))!;
        Assert.That(e.Message, Does.Contain("216 UTF-8 bytes").And.Contain("214").And.Not.Contain("张张"));
        Assert.That(Stub.Seen, Has.Count.EqualTo(1), "the second request was not sent");
        Assert.Throws<RequestOptionsException>(() => Client.Encrypt(tooLong));
        Assert.Throws<RequestOptionsException>(() => Client.EncryptForPlatform(tooLong));
        Assert.That(Assert.Throws<RequestOptionsException>(() => Client.Encrypt("a" + (char)0xD800))!.Message, Does.Contain("lone UTF-16 surrogate"));
    }

    [Test]
    public void Without_sensitive_values_no_serial_header_is_added()
    {
        Client.Send(HttpMethod.Post, "v3/x", new { json = new { a = 1 } });
        Assert.That(Stub.Last.Header("Wechatpay-Serial"), Is.Null);
    }

    [Test]
    public void A_conflicting_serial_header_is_refused()
    {
        var e = Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/x",
            new { json = new { name = new Sensitive("张三") }, headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = Fixtures.PlatformSerial } }));
        Assert.That(e!.Message, Does.Contain(Fixtures.PublicKeyId));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public void With_only_a_certificate_the_certificate_serial_is_used()
    {
        var options = Fixtures.Options(Stub);
        options.Certs.Remove(Fixtures.PublicKeyId);
        using var client = new WeChatPayClient(options);
        Assert.That(client.EncryptionKeyId, Is.EqualTo(Fixtures.PlatformSerial));
        client.Send(HttpMethod.Post, "v3/x", new { json = new { id_card = new Sensitive("110101199003074477") } });
        Assert.That(Stub.Last.Header("Wechatpay-Serial"), Is.EqualTo(Fixtures.PlatformSerial));
        Assert.That(PlatformDecrypt((string)JObject.Parse(Stub.Last.BodyText)["id_card"]!), Is.EqualTo("110101199003074477"));
    }

    private const string RotatedSerial = "4B1D2C3E4F5061728394A5B6C7D8E9F0A1B2C3D4";

    private static readonly Lazy<RSA> RotatedKey = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Fixtures.Text("platform2_key.pem"));
        return rsa;
    });

    /// <summary>Decrypts with the private key of the platform key the id names: the pairing the header promises.</summary>
    private static string DecryptFor(string keyId, string ciphertext)
    {
        var key = keyId switch
        {
            Fixtures.PlatformSerial => Fixtures.PlatformKey.Value,
            RotatedSerial => RotatedKey.Value,
            _ => throw new AssertionException($"unexpected key id {keyId}"),
        };
        return Encoding.UTF8.GetString(key.Decrypt(Convert.FromBase64String(ciphertext), RSAEncryptionPadding.OaepSHA1));
    }

    /// <summary>The rotated platform certificate, as a refresh would add it: it expires later, so it becomes the encryption key.</summary>
    private static PlatformCertificate Rotated() => new(RotatedSerial, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddYears(20), Fixtures.Text("platform2_cert.pem"));

    [Test]
    public void Encrypt_for_platform_returns_the_ciphertext_with_the_id_of_the_key_that_made_it()
    {
        var options = Fixtures.Options(Stub);
        options.Certs.Remove(Fixtures.PublicKeyId);
        using var client = new WeChatPayClient(options);

        var (before, beforeId) = client.EncryptForPlatform("张三");
        Assert.That(beforeId, Is.EqualTo(Fixtures.PlatformSerial));
        Assert.That(DecryptFor(beforeId, before), Is.EqualTo("张三"));

        client.PlatformKeys.Add([Rotated()]);
        var (after, afterId) = client.EncryptForPlatform("张三");
        Assert.That(afterId, Is.EqualTo(RotatedSerial), "the later-expiring certificate took over");
        Assert.That(DecryptFor(afterId, after), Is.EqualTo("张三"));
        Assert.That(() => DecryptFor(Fixtures.PlatformSerial, after), Throws.InstanceOf<CryptographicException>(), "the old key cannot read it");
    }

    [Test]
    public void Encrypt_for_platform_pairs_ciphertext_and_id_while_a_refresh_changes_the_key()
    {
        var options = Fixtures.Options(Stub);
        options.Certs.Remove(Fixtures.PublicKeyId);
        using var client = new WeChatPayClient(options);
        using var halfway = new ManualResetEventSlim();
        var refresh = Task.Run(() =>
        {
            halfway.Wait();
            client.PlatformKeys.Add([Rotated()]);
        });

        var pairs = new List<(string Ciphertext, string KeyId)>();
        for (var i = 0; i < 50; i++) pairs.Add(client.EncryptForPlatform("13800138000"));
        halfway.Set();
        while (!refresh.IsCompleted) pairs.Add(client.EncryptForPlatform("13800138000"));
        for (var i = 0; i < 20; i++) pairs.Add(client.EncryptForPlatform("13800138000"));
        refresh.Wait();

        Assert.That(pairs.Select(p => p.KeyId).Distinct(), Is.EquivalentTo(new[] { Fixtures.PlatformSerial, RotatedSerial }), "both keys were used");
        Assert.That(pairs.Select(p => DecryptFor(p.KeyId, p.Ciphertext)), Is.All.EqualTo("13800138000"), "every id names the key that encrypted its ciphertext");
    }

    [Test]
    public void The_explicit_helpers_encrypt_for_the_platform_and_decrypt_with_the_merchant_key()
    {
        Assert.That(PlatformDecrypt(Client.Encrypt("13800138000")), Is.EqualTo("13800138000"));
        Assert.That(Client.Decrypt(Fixtures.Text("oaep_ciphertext.txt").Trim()), Is.EqualTo("张三"), "openssl's ciphertext");
        Assert.Throws<DecryptionException>(() => Client.Decrypt(Client.Encrypt("x")));
    }

    [Test]
    public void A_sensitive_value_never_shows_its_plaintext_and_cannot_be_serialised_outside_theClient()
    {
        var value = new Sensitive("张三");
        Assert.That(value.ToString(), Does.Not.Contain("张三"));
        var e = Assert.Throws<JsonSerializationException>(() => JsonConvert.SerializeObject(new { name = value }));
        Assert.That(e!.Message, Does.Contain("client.Encrypt"));
    }
}
