using System.Security.Cryptography;
using WeChatPay.Chain.Crypto;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>Request bodies for the profit-sharing receiver APIs, and the keys a merchant encrypts and decrypts with.</summary>
public static class Receivers
{
    public const string AddPath = "/v3/profitsharing/receivers/add";
    public const string DeletePath = "/v3/profitsharing/receivers/delete";
    public const string AppId = "wx8888888888888888";

    /// <summary>The platform public key, as a merchant loads it from the platform certificate in its profile.</summary>
    public static RSA PlatformKey(SimulatorProfile profile) => Rsa.LoadPublicKey(Rsa.FilePrefix + profile.PlatformCertificatePath);

    public static RSA MerchantPrivateKey(SimulatorProfile profile) => Rsa.LoadPrivateKey(Rsa.FilePrefix + profile.PrivateKeyPath);

    public static Dictionary<string, object?> MerchantBody(string account, string encryptedName) => new()
    {
        ["appid"] = AppId,
        ["type"] = "MERCHANT_ID",
        ["account"] = account,
        ["name"] = encryptedName,
        ["relation_type"] = "STORE",
    };

    public static Dictionary<string, object?> PersonalBody(string openId) => new()
    {
        ["appid"] = AppId,
        ["type"] = "PERSONAL_OPENID",
        ["account"] = openId,
        ["relation_type"] = "PARTNER",
    };

    public static Dictionary<string, string> SerialHeader(string serial) => new() { ["Wechatpay-Serial"] = serial };
}
