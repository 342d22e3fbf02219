namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>Request bodies and paths for smart-retail orders, with the values from WeChat Pay's examples.</summary>
public static class SmartRetail
{
    public const string Path = "/v3/payscore/smartretail-orders";
    public const string AppId = "wxd678efh567hg6787";
    public const string ServiceId = "500001";

    public static string NewOutOrderNo() => "T" + Guid.NewGuid().ToString("N")[..20];

    public static Dictionary<string, object?> CreateBody(string outOrderNo) => new()
    {
        ["appid"] = AppId,
        ["out_order_no"] = outOrderNo,
        ["service_id"] = ServiceId,
        ["service_introduction"] = "自助货柜",
        ["fees"] = new[] { new Dictionary<string, object> { ["fee_name"] = "饮料", ["fee_count"] = 1, ["fee_amount"] = 300 } },
        ["risk_amount"] = 10000,
        ["attach"] = "shelf-7",
    };

    public static Dictionary<string, object?> CancelBody(string reason = "用户放弃") => new()
    {
        ["appid"] = AppId,
        ["service_id"] = ServiceId,
        ["reason"] = reason,
    };

    /// <summary>A finish_type 2 completion: 300 + 200 in fees, 50 off, 450 to pay.</summary>
    public static Dictionary<string, object?> CompleteBody(string finishTicket) => new()
    {
        ["appid"] = AppId,
        ["service_id"] = ServiceId,
        ["finish_type"] = 2,
        ["fees"] = new[]
        {
            new Dictionary<string, object> { ["fee_name"] = "饮料", ["fee_count"] = 1, ["fee_amount"] = 300 },
            new Dictionary<string, object> { ["fee_name"] = "零食", ["fee_count"] = 2, ["fee_amount"] = 200 },
        },
        ["discounts"] = new[] { new Dictionary<string, object> { ["discount_name"] = "满5减0.5", ["discount_amount"] = 50 } },
        ["total_amount"] = 450,
        ["finish_ticket"] = finishTicket,
        ["profit_sharing"] = false,
    };

    public static string QueryTarget(string outOrderNo) => $"{Path}?service_id={ServiceId}&out_order_no={outOrderNo}&appid={AppId}";

    public static string CancelTarget(string outOrderNo) => $"{Path}/{outOrderNo}/cancel";

    public static string CompleteTarget(string outOrderNo) => $"{Path}/{outOrderNo}/complete";
}
