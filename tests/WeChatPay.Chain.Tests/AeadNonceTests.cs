using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// A nonce of the wrong length is one mistake, whichever way the cipher runs and whichever cipher it is: an
/// <see cref="ArgumentException"/> naming <c>nonce</c> when a caller passes it; a <see cref="DecryptionException"/>
/// only when it came inside a resource (see NotificationShapeTests).
/// </summary>
public class AeadNonceTests
{
    private static IEnumerable<TestCaseData> Misuses()
    {
        var aes = new AeadAesGcm(TestKeys.ApiV3Key);
        var sm4 = new AeadSm4Gcm(TestKeys.ApiV3Key);
        foreach (var nonce in new[] { "", "fdasflkja48", "fdasflkja4845", "订单订单订单" })
        {
            yield return new TestCaseData((Action)(() => aes.Encrypt(nonce, "certificate", "{}"))).SetName($"AES-GCM Encrypt, nonce '{nonce}'");
            yield return new TestCaseData((Action)(() => aes.Decrypt(nonce, "certificate", aes.Encrypt("fdasflkja484", "certificate", "{}")))).SetName($"AES-GCM Decrypt, nonce '{nonce}'");
            yield return new TestCaseData((Action)(() => sm4.Encrypt(nonce, "certificate", "{}"))).SetName($"SM4-GCM Encrypt, nonce '{nonce}'");
            yield return new TestCaseData((Action)(() => sm4.Decrypt(nonce, "certificate", sm4.Encrypt("fdasflkja484", "certificate", "{}")))).SetName($"SM4-GCM Decrypt, nonce '{nonce}'");
        }
    }

    [TestCaseSource(nameof(Misuses))]
    public void A_nonce_that_is_not_twelve_bytes_is_an_argument_error_both_ways(Action call)
    {
        var e = Assert.Throws<ArgumentException>(() => call())!;

        Assert.That(e.ParamName, Is.EqualTo("nonce"));
        Assert.That(e.Message, Does.Contain("must be 12 bytes"));
    }
}
