using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ProfitSharing;

/// <summary>
/// The body of <c>POST /v3/profitsharing/receivers/add</c>, checked field by field. <c>name</c> arrives encrypted and
/// is kept both ways: decrypted, for the simulator's records, and as sent, for nothing else to touch.
/// </summary>
internal sealed record AddReceiverRequest(string AppId, string Type, string Account, string? Name, string RelationType, string? CustomRelation)
{
    /// <exception cref="ApiError">400 PARAM_ERROR naming the field, or the <c>Wechatpay-Serial</c> header.</exception>
    public static AddReceiverRequest Parse(RawRequest request, SensitiveFields sensitive)
    {
        var body = JsonFields.ParseBody(request.Body);
        var appId = body.RequiredString("appid", ReceiverFields.AppIdLength);
        var type = OneOf(body, "type", ReceiverFields.Types);
        var account = body.RequiredString("account", ReceiverFields.AccountLength);
        var encryptedName = body.OptionalString("name", ReceiverFields.EncryptedNameLength);
        var relationType = OneOf(body, "relation_type", ReceiverFields.RelationTypes);
        var customRelation = body.OptionalString("custom_relation", ReceiverFields.CustomRelationLength);

        if (type == ReceiverFields.MerchantId && string.IsNullOrEmpty(encryptedName))
            throw ApiError.Param("name", "is required when type is MERCHANT_ID: the merchant's full name, encrypted");
        if (relationType == ReceiverFields.Custom && string.IsNullOrEmpty(customRelation))
            throw ApiError.Param("custom_relation", "is required when relation_type is CUSTOM");

        var name = string.IsNullOrEmpty(encryptedName) ? null : sensitive.Decrypt(request, "name", encryptedName);
        return new AddReceiverRequest(appId, type, account, name, relationType, string.IsNullOrEmpty(customRelation) ? null : customRelation);
    }

    /// <summary>A required string that must be one of <paramref name="allowed"/>, compared exactly.</summary>
    public static string OneOf(JsonFields body, string name, IReadOnlyList<string> allowed)
    {
        var value = body.RequiredString(name, 32);
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ApiError.Param(name, $"must be one of {string.Join(", ", allowed)}");
    }
}
