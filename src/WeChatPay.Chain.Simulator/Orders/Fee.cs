using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>A post-paid item of a smart-retail order (<c>fees[]</c>); <c>fee_amount</c> is the item's total in fen.</summary>
internal sealed record Fee(string Name, long? Count, long? Amount, string? Description)
{
    public const int MaxItems = 100;

    public static Fee Read(JsonFields item, bool amountRequired) => new(
        item.RequiredString("fee_name", 20),
        item.OptionalInteger("fee_count", 1, int.MaxValue, "must be a positive integer"),
        amountRequired ? item.RequiredAmount("fee_amount") : item.OptionalAmount("fee_amount"),
        item.OptionalString("fee_desc", 30));

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["fee_name"] = Name };
        if (Count is { } count) json["fee_count"] = count;
        if (Amount is { } amount) json["fee_amount"] = amount;
        if (Description is { } description) json["fee_desc"] = description;
        return json;
    }
}
