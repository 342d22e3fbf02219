using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ProfitSharing;

/// <summary>
/// <c>POST /v3/profitsharing/receivers/add</c> and <c>…/delete</c> for a direct merchant. Add is where a client's
/// sensitive-field handling is tested both ways: <c>name</c> must arrive encrypted for the platform key its
/// <c>Wechatpay-Serial</c> names, and goes back encrypted for the merchant's key, as WeChat Pay echoes it.
/// </summary>
internal sealed class ProfitSharingReceiverEndpoints
{
    private readonly ProfitSharingReceiverStore _store;
    private readonly SensitiveFields _sensitive;

    public ProfitSharingReceiverEndpoints(ProfitSharingReceiverStore store, SensitiveFields sensitive)
    {
        _store = store;
        _sensitive = sensitive;
    }

    /// <summary>Stores the receiver and echoes <c>type, account, name, relation_type, custom_relation</c>.</summary>
    public JsonObject Add(RawRequest request)
    {
        var add = AddReceiverRequest.Parse(request, _sensitive);
        _store.Add(new ProfitSharingReceiverView(add.AppId, add.Type, add.Account, add.Name, add.RelationType, add.CustomRelation));
        var json = new JsonObject { ["type"] = add.Type, ["account"] = add.Account };
        if (add.Name is not null) json["name"] = _sensitive.EncryptForMerchant(request, add.Name);
        json["relation_type"] = add.RelationType;
        if (add.CustomRelation is not null) json["custom_relation"] = add.CustomRelation;
        return json;
    }

    /// <summary>Removes the receiver and echoes <c>type, account</c>; an unknown receiver is 404 RESOURCE_NOT_EXISTS.</summary>
    public JsonObject Delete(RawRequest request)
    {
        var delete = DeleteReceiverRequest.Parse(request);
        if (!_store.Remove(delete.Type, delete.Account))
            throw new ApiError(404, ErrorCodes.ResourceNotExists, $"No {delete.Type} receiver {delete.Account} has been added");
        return new JsonObject { ["type"] = delete.Type, ["account"] = delete.Account };
    }
}
