using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.ShangMi;

/// <summary>
/// SM3 and AEAD_SM4_GCM against independent answers: SM3("abc") from GB/T 32905 (also <c>openssl dgst -sm3</c>); the
/// SM4-GCM vector of RFC 8998 appendix A.1 (also recomputed with Python <c>cryptography</c>); and a notification resource
/// encrypted by Python <c>cryptography</c> under the first 16 bytes of SM3(APIv3 key), as WeChat Pay's 国密 mode does.
/// </summary>
public class SmCryptoTests
{
    private const string ApiV3Key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";

    [Test]
    public void Sm3_of_abc_is_the_standards_answer()
        => Assert.That(Convert.ToHexStringLower(Sm3.Hash("abc"u8.ToArray())), Is.EqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"));

    [Test]
    public void Sm4_gcm_gives_rfc_8998s_ciphertext_and_tag_and_opens_them()
    {
        var key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        var iv = Convert.FromHexString("00001234567800000000ABCD");
        var aad = Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plaintext = Convert.FromHexString("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        const string expected = "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D" + "83DE3541E4C2B58177E065A9BF7B62EC";

        var sealedData = AeadSm4Gcm.Seal(key, iv, aad, plaintext);

        Assert.That(Convert.ToHexString(sealedData), Is.EqualTo(expected));
        Assert.That(AeadSm4Gcm.Open(key, iv, aad, sealedData), Is.EqualTo(plaintext));
        sealedData[^1] ^= 1;
        Assert.That(() => AeadSm4Gcm.Open(key, iv, aad, sealedData), Throws.TypeOf<DecryptionException>().With.Message.Contains("SM4-GCM authentication failed"));
    }

    [Test]
    public void A_resource_python_encrypted_under_the_sm3_derived_key_decrypts()
    {
        const string ciphertext = "lX2/22MPgRD4qk6rLkz54mO4mCVDkJqNs4hOUA2GOLtB64WitVHy8EQNFoVxS6Uk4VsePdUdm45jrV7cBcilCNgunri6JXh81X4WHRMyZeB8aV4mhW17Y2wrAHCdjL8aRZN0j3cJrgz3xUZ2+KS5Lp+AnpVD";

        var plain = new AeadSm4Gcm(ApiV3Key).Decrypt("fdasflkja484", "transaction", ciphertext);

        Assert.That(plain, Is.EqualTo("{\"mchid\":\"1900000001\",\"out_trade_no\":\"SM4GCM20261207\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}"));
        Assert.That(Convert.ToHexStringLower(Sm3.Hash(Encoding.ASCII.GetBytes(ApiV3Key)))[..32], Is.EqualTo("fa2028801e86d45f5638cadafb5db2e9"), "the key is the first 16 bytes of SM3 over the APIv3 key");
    }

    [TestCase("transactiom", "fdasflkja484")]
    [TestCase("transaction", "fdasflkja485")]
    public void Altered_associated_data_or_nonce_or_another_key_is_a_decryption_error(string associatedData, string nonce)
    {
        var ciphertext = new AeadSm4Gcm(ApiV3Key).Encrypt("fdasflkja484", "transaction", "{}");

        Assert.That(() => new AeadSm4Gcm(ApiV3Key).Decrypt(nonce, associatedData, ciphertext), Throws.TypeOf<DecryptionException>());
        Assert.That(() => new AeadSm4Gcm(Shared.TestKeys.OtherApiV3Key).Decrypt("fdasflkja484", "transaction", ciphertext), Throws.TypeOf<DecryptionException>());
    }

    [TestCase("not base64!", "not Base64")]
    [TestCase("AAAA", "shorter than its 16-byte tag")]
    public void Malformed_ciphertext_is_a_decryption_error(string ciphertext, string message)
        => Assert.That(() => new AeadSm4Gcm(ApiV3Key).Decrypt("fdasflkja484", "transaction", ciphertext), Throws.TypeOf<DecryptionException>().With.Message.Contains(message));

    [Test]
    public void The_key_is_checked_and_never_shown()
    {
        Assert.That(() => new AeadSm4Gcm("short"), Throws.TypeOf<ConfigurationException>().With.Message.Not.Contain("short\""));
        Assert.That(new AeadSm4Gcm(ApiV3Key).ToString(), Does.Not.Contain(ApiV3Key));
    }

    [Test]
    public void A_notification_whose_resource_is_sm4_gcm_is_read_by_the_same_reader()
    {
        var envelope = TestNotifications.Envelope(algorithm: AeadSm4Gcm.Algorithm);
        envelope["resource"]!["ciphertext"] = new AeadSm4Gcm(TestNotifications.ApiV3Key).Encrypt("fdasflkja484", "transaction", "{\"out_trade_no\":\"SM1\"}");
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var (body, headers) = TestNotifications.Posted(envelope, clock.Seconds);
        var keys = new Dictionary<string, System.Security.Cryptography.RSA> { [Fixtures.PlatformSerial] = Rsa.LoadPublicKey(Fixtures.Text("platform_cert.pem")) };

        var notification = new NotificationReader(new ResponseVerifier(keys, clock), TestNotifications.ApiV3Key).Read(body, headers);

        Assert.That((string?)notification.Resource["out_trade_no"], Is.EqualTo("SM1"));
    }
}
