using FsCheck;
using FsCheck.Fluent;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.PropertyTests.Support;

namespace WeChatPay.Chain.PropertyTests;

/// <summary>Key loading of any text gives a key or a <see cref="ConfigurationException"/> that quotes no key material.</summary>
public class KeyLoadingProperties
{
    [Test]
    public void Any_text_as_a_private_key_loads_or_is_a_configuration_error_without_key_material()
        => PrivateKeysLoadOrFailWithoutQuotingThem(KeyTexts.Any().Where(text => !IsKeyAfterFilePrefix(text)), Cases.PrivateKeyText);

    [Test]
    public void Key_text_given_after_the_file_prefix_is_a_configuration_error_without_key_material()
        => PrivateKeysLoadOrFailWithoutQuotingThem(
            from prefix in Gen.Elements(Rsa.FilePrefix, "FILE://", Rsa.FilePrefix + "/")
            from text in KeyTexts.Any()
            select prefix + text,
            Cases.KeyTextAsFilePath);

    [Test]
    public void Any_text_as_a_public_key_loads_or_is_a_configuration_error()
        => PublicKeysLoadOrFailTyped(Gen.OneOf(KeyTexts.Any(), KeyTexts.DamagedCertificates()));

    /// <summary>Text the library would read as a file path although it holds a PEM block (the key-echo bug of row K6).</summary>
    private static bool IsKeyAfterFilePrefix(string text)
        => text.StartsWith(Rsa.FilePrefix, StringComparison.OrdinalIgnoreCase) && text.Contains("-----", StringComparison.Ordinal);

    private static void PrivateKeysLoadOrFailWithoutQuotingThem(Gen<string> texts, int cases)
    {
        var secret = KeyTexts.MerchantKeyBody;
        PropertyRun.ForAll(texts, cases, text =>
        {
            try
            {
                Rsa.LoadPrivateKey(text).Dispose();
            }
            catch (ConfigurationException e)
            {
                var report = e.ToString();
                for (var at = 0; at + 24 <= secret.Length; at += 24)
                    Assert.That(report, Does.Not.Contain(secret.Substring(at, 24)), "no fragment of the private key in the error");
            }
        });
    }

    private static void PublicKeysLoadOrFailTyped(Gen<string> texts)
    {
        PropertyRun.ForAll(texts, Cases.PublicKeyText, text =>
        {
            try
            {
                Rsa.LoadPublicKey(text);
            }
            catch (ConfigurationException e)
            {
                Assert.That(e.Message, Is.Not.Empty);
            }
        });
    }
}
