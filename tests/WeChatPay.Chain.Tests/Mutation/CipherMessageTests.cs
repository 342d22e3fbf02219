using System.Security.Cryptography;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The APIv3 key checks and the AEAD ciphers' refusals, word for word: a key is 32 ASCII characters and never shown; a
/// ciphertext shorter than its tag, not Base64 or altered is a <see cref="DecryptionException"/> that says which.
/// </summary>
public class CipherMessageTests
{
    private const string Nonce = "fdasflkja484";

    [Test]
    public void The_ciphers_never_show_their_key()
    {
        Assert.That(new AeadAesGcm(TestKeys.ApiV3Key).ToString(), Is.EqualTo("AEAD_AES_256_GCM (APIv3 key not shown)"));
        Assert.That(new AeadSm4Gcm(TestKeys.ApiV3Key).ToString(), Is.EqualTo("AEAD_SM4_GCM (APIv3 key not shown)"));
    }

    [Test]
    public void An_apiv3_key_is_32_ascii_characters()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => AeadAesGcm.ValidateKey(null), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo("ApiV3Key is not set. It is the 32-character APIv3 key set in the merchant platform (API security)."));
            Assert.That(() => AeadAesGcm.ValidateKey("", "Merchant.ApiV3Key"), Throws.InstanceOf<ConfigurationException>().With.Message.StartsWith("Merchant.ApiV3Key is not set."));
            Assert.That(() => AeadAesGcm.ValidateKey(TestKeys.ApiV3Key[..31]), Throws.InstanceOf<ConfigurationException>().With.Message.EqualTo("ApiV3Key must be 32 ASCII characters; the value given has 31. It is the APIv3 key, not the APIv2 key or the merchant id."));
            Assert.That(() => AeadAesGcm.ValidateKey(TestKeys.ApiV3Key + "x"), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("the value given has 33"));
            Assert.That(() => AeadAesGcm.ValidateKey(TestKeys.ApiV3Key[..31] + "é"), Throws.InstanceOf<ConfigurationException>().With.Message.Contains("the value given has 32"));
            Assert.That(() => new AeadSm4Gcm(TestKeys.ApiV3Key[..31] + "é"), Throws.InstanceOf<ConfigurationException>());
            Assert.DoesNotThrow(() => AeadAesGcm.ValidateKey(TestKeys.ApiV3Key));
        });
    }

    private static IEnumerable<TestCaseData> Ciphers()
    {
        yield return new TestCaseData(new AeadAesGcm(TestKeys.ApiV3Key), "AES-GCM").SetArgDisplayNames("AES-GCM");
        yield return new TestCaseData(new AeadSm4Gcm(TestKeys.ApiV3Key), "SM4-GCM").SetArgDisplayNames("SM4-GCM");
    }

    private static string Encrypt(INotificationCipher cipher, string plaintext)
        => cipher is AeadAesGcm aes ? aes.Encrypt(Nonce, "certificate", plaintext) : ((AeadSm4Gcm)cipher).Encrypt(Nonce, "certificate", plaintext);

    private static string Decrypt(INotificationCipher cipher, string ciphertext, string associatedData = "certificate")
        => cipher is AeadAesGcm aes ? aes.Decrypt(Nonce, associatedData, ciphertext) : ((AeadSm4Gcm)cipher).Decrypt(Nonce, associatedData, ciphertext);

    [TestCaseSource(nameof(Ciphers))]
    public void A_ciphertext_shorter_than_its_tag_is_refused_by_length(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<DecryptionException>(() => Decrypt(cipher, Convert.ToBase64String(new byte[15])))!;
        Assert.That(e.Message, Is.EqualTo($"The {name} ciphertext is 15 bytes, shorter than its 16-byte tag."));
    }

    [TestCaseSource(nameof(Ciphers))]
    public void A_ciphertext_of_exactly_a_tag_is_checked_and_fails_authentication(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<DecryptionException>(() => Decrypt(cipher, Convert.ToBase64String(new byte[16])))!;
        Assert.That(e.Message, Is.EqualTo($"{name} authentication failed: the APIv3 key is wrong, or the ciphertext, nonce or associated_data was altered."));
        Assert.That(Decrypt(cipher, Encrypt(cipher, "")), Is.Empty, "an empty plaintext is exactly a tag");
    }

    [TestCaseSource(nameof(Ciphers))]
    public void A_ciphertext_that_is_not_base64_says_so_with_its_cause(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<DecryptionException>(() => Decrypt(cipher, "not base64!"))!;
        Assert.That(e.Message, Is.EqualTo($"The {name} ciphertext is not Base64."));
        Assert.That(e.InnerException, Is.InstanceOf<FormatException>());
    }

    [TestCaseSource(nameof(Ciphers))]
    public void Altered_associated_data_fails_authentication_with_its_cause(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<DecryptionException>(() => Decrypt(cipher, Encrypt(cipher, "{\"a\":1}"), "transaction"))!;
        Assert.That(e.Message, Does.StartWith($"{name} authentication failed"));
        Assert.That(e.InnerException, Is.Not.Null);
    }

    [TestCaseSource(nameof(Ciphers))]
    public void Plaintext_round_trips_with_its_utf8(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        const string plaintext = "{\"name\":\"张三\"}";
        var sealedText = Encrypt(cipher, plaintext);
        Assert.That(Convert.FromBase64String(sealedText), Has.Length.EqualTo(System.Text.Encoding.UTF8.GetByteCount(plaintext) + 16));
        Assert.That(Decrypt(cipher, sealedText), Is.EqualTo(plaintext));
        Assert.That(cipher.Decrypt(Nonce, "certificate", sealedText), Is.EqualTo(plaintext), "through the notification interface");
    }

    [TestCaseSource(nameof(Ciphers))]
    public void A_resource_nonce_of_another_length_is_data_that_does_not_decrypt(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<DecryptionException>(() => cipher.Decrypt("fdasflkja4845", "certificate", Encrypt(cipher, "{}")))!;
        Assert.That(e.Message, Is.EqualTo($"The {cipher.Algorithm} resource's nonce must be 12 bytes (12 ASCII characters); it is 13, so the resource cannot be decrypted."));
    }

    [TestCaseSource(nameof(Ciphers))]
    public void A_nonce_argument_of_another_length_names_the_cipher_and_the_length(object given, string name)
    {
        var cipher = (INotificationCipher)given;
        var e = Assert.Throws<ArgumentException>(() => _ = cipher is AeadAesGcm aes ? aes.Encrypt("short", "", "") : ((AeadSm4Gcm)cipher).Encrypt("short", "", ""))!;
        Assert.That(e.Message, Does.StartWith($"The {name} nonce must be 12 bytes (12 ASCII characters); it is 5."));
        Assert.That(e.ParamName, Is.EqualTo("nonce"));
    }

    [Test]
    public void A_nonce_argument_of_another_length_to_aes_gcm_decryption_names_the_cipher()
    {
        var e = Assert.Throws<ArgumentException>(() => new AeadAesGcm(TestKeys.ApiV3Key).Decrypt("short", "", "AAAAAAAAAAAAAAAAAAAAAA=="))!;
        Assert.That(e.Message, Does.StartWith("The AES-GCM nonce must be 12 bytes (12 ASCII characters); it is 5."));
        Assert.That(e.ParamName, Is.EqualTo("nonce"));
    }
}
