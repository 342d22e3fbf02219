using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>A merchant discount (<c>discounts[]</c>, at most five); the amount is known only at completion.</summary>
internal sealed record Discount(string Name, long? Amount, string? Description)
{
    public const int MaxItems = 5;

    public static Discount Read(JsonFields item, bool amountRequired) => new(
        item.RequiredString("discount_name", 20),
        amountRequired ? item.RequiredAmount("discount_amount") : item.OptionalAmount("discount_amount"),
        item.OptionalString("discount_desc", 30));

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["discount_name"] = Name };
        if (Amount is { } amount) json["discount_amount"] = amount;
        if (Description is { } description) json["discount_desc"] = description;
        return json;
    }
}
