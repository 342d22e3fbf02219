using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// The JSON shapes the smart-retail endpoints answer with, field names as WeChat Pay documents them. Absent values are
/// left out rather than written as null, as WeChat Pay does.
/// </summary>
internal static class OrderJson
{
    /// <summary>The mini program that asks users to confirm payscore orders, which the create response points at.</summary>
    private const string ConfirmBusinessType = "wxpayScoreUse";
    private const string ConfirmAppId = "wxd8f3793ea3b935b8";
    private const string ConfirmPath = "pages/use/use";
    private const string ConfirmUserName = "gh_simulator";

    /// <summary>What cancel and complete return: the order's identifiers.</summary>
    public static JsonObject Identifiers(SmartRetailOrder order, string mchId) => new()
    {
        ["appid"] = order.AppId,
        ["mchid"] = mchId,
        ["out_order_no"] = order.OutOrderNo,
        ["service_id"] = order.ServiceId,
        ["order_id"] = order.OrderId,
    };

    /// <summary>What create returns: the identifiers, the state, and how to open the confirmation mini program.</summary>
    public static JsonObject Created(SmartRetailOrder order, string mchId)
    {
        var json = Identifiers(order, mchId);
        json["state"] = order.State.ToWireName();
        json["miniprogram_businesstype"] = ConfirmBusinessType;
        json["miniprogram_appid"] = ConfirmAppId;
        json["miniprogram_path"] = ConfirmPath;
        json["miniprogram_username"] = ConfirmUserName;
        json["package"] = order.Package;
        return json;
    }

    /// <summary>What the query returns, and what notifications carry encrypted: the whole order as it stands.</summary>
    public static JsonObject Full(SmartRetailOrder order, string mchId)
    {
        var request = order.Request;
        var json = new JsonObject
        {
            ["appid"] = order.AppId,
            ["mchid"] = mchId,
            ["out_order_no"] = order.OutOrderNo,
            ["service_id"] = order.ServiceId,
            ["order_id"] = order.OrderId,
            ["state"] = order.State.ToWireName(),
        };
        Add(json, "finish_type", order.FinishType);
        Add(json, "service_start_time", request.ServiceStartTime);
        Add(json, "service_end_time", request.ServiceEndTime);
        Add(json, "real_service_start_time", order.RealServiceStartTime);
        Add(json, "real_service_end_time", order.RealServiceEndTime);
        Add(json, "pay_succ_time", order.PaidAt is { } paid ? WireTime.Compact(paid) : null);
        Add(json, "service_start_location", request.ServiceStartLocation);
        Add(json, "service_end_location", request.ServiceEndLocation);
        Add(json, "real_service_end_location", order.RealServiceEndLocation);
        Add(json, "service_introduction", request.ServiceIntroduction);
        if (order.Fees.Count > 0) json["fees"] = new JsonArray(order.Fees.Select(fee => (JsonNode)fee.ToJson()).ToArray());
        if (order.Discounts.Count > 0) json["discounts"] = new JsonArray(order.Discounts.Select(discount => (JsonNode)discount.ToJson()).ToArray());
        Add(json, "risk_amount", request.RiskAmount);
        Add(json, "total_amount", order.TotalAmount);
        Add(json, "attach", request.Attach);
        Add(json, "openid", order.OpenId);
        Add(json, "finish_ticket", order.FinishTicket);
        Add(json, "cancel_reason", order.CancelReason);
        Add(json, "finish_transaction_id", order.FinishTransactionId);
        Add(json, "pay_type", order.PayType);
        return json;
    }

    private static void Add(JsonObject json, string name, string? value)
    {
        if (value is not null) json[name] = value;
    }

    private static void Add(JsonObject json, string name, long? value)
    {
        if (value is not null) json[name] = value.Value;
    }
}
