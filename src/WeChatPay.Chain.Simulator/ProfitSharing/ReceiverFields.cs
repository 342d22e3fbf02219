namespace WeChatPay.Chain.Simulator.ProfitSharing;

/// <summary>The values the profit-sharing receiver APIs of a direct merchant accept, as WeChat Pay documents them.</summary>
internal static class ReceiverFields
{
    public const string MerchantId = "MERCHANT_ID";
    public const string PersonalOpenId = "PERSONAL_OPENID";
    public const string Custom = "CUSTOM";

    /// <summary>The receiver types of a direct merchant; <c>PERSONAL_SUB_OPENID</c> belongs to service providers.</summary>
    public static readonly IReadOnlyList<string> Types = [MerchantId, PersonalOpenId];

    public static readonly IReadOnlyList<string> RelationTypes =
        ["SERVICE_PROVIDER", "STORE", "STAFF", "STORE_OWNER", "PARTNER", "HEADQUARTER", "BRAND", "DISTRIBUTOR", "USER", "SUPPLIER", Custom];

    public const int AppIdLength = 32;
    public const int AccountLength = 64;

    /// <summary>The limit applies to the Base64 ciphertext that is sent.</summary>
    public const int EncryptedNameLength = 1024;

    public const int CustomRelationLength = 10;
}
