using System.Security.Cryptography;
using WeChatPay.Chain.Client;

namespace WeChatPay.Chain.Testing;

/// <summary>
/// A merchant for tests: fixed ids and an RSA-2048 key pair made for tests and published with this package, so they
/// must never sign for a real merchant. Its clients trust <see cref="TestPlatform"/>'s keys.
/// </summary>
public static class TestMerchant
{
    /// <summary>The merchant id, <c>1900000001</c>.</summary>
    public const string MchId = "1900000001";

    /// <summary>The serial of the merchant API certificate the requests name.</summary>
    public const string Serial = "3775B6A45ACDEF1234567890ABCDEF1234567890";

    /// <summary>The APIv2 key that signs the test merchant's APIv2 calls and <c>RespondWithWeChatPayV2</c>'s answers.</summary>
    public const string ApiV2Key = "TestMerchantApiV2Key0123456789AB";

    private static readonly Lazy<RSA> Key = TestKeyFiles.Private("merchant_key.pem");

    /// <summary>The merchant private key (PKCS#8 PEM), as <c>apiclient_key.pem</c> holds a real one.</summary>
    public static string PrivateKeyPem => TestKeyFiles.Text("merchant_key.pem");

    /// <summary>The merchant private key, loaded once; it signs every request of the test merchant's clients.</summary>
    public static RSA PrivateKey => Key.Value;

    /// <summary>
    /// Settings for a client of the test merchant: it signs with <see cref="PrivateKey"/>, trusts <see cref="TestPlatform"/>
    /// under its public-key id and its certificate serial, and decrypts notifications with <see cref="TestPlatform.ApiV3Key"/>; its APIv2 calls are signed with <see cref="ApiV2Key"/>.
    /// Its transport refuses every request: a call is answered only by an active Flurl <c>HttpTest</c>, never by the
    /// network. For a simulator, set <see cref="ClientOptions.BaseUri"/> to it and <see cref="ClientOptions.HttpMessageHandler"/> to null.
    /// A new object each time, to change as a test needs.
    /// </summary>
    public static ClientOptions ClientOptions() => new()
    {
        MchId = MchId,
        Serial = Serial,
        PrivateKey = PrivateKey,
        Certs =
        {
            [TestPlatform.PublicKeyId] = TestPlatform.PublicKeyPem,
            [TestPlatform.CertificateSerial] = TestPlatform.CertificatePem,
        },
        ApiV3Key = TestPlatform.ApiV3Key,
        ApiV2Key = ApiV2Key,
        HttpMessageHandler = NoNetwork.Transport,
    };
}
