namespace WeChatPay.Chain.Reliability.Tests.Support;

/// <summary>Smart-retail order calls with the values from WeChat Pay's examples.</summary>
internal static class SmartRetail
{
    public const string Path = "v3/payscore/smartretail-orders";
    public const string AppId = "wxd678efh567hg6787";
    public const string ServiceId = "500001";

    public static string NewOutOrderNo() => "R" + Guid.NewGuid().ToString("N")[..24];

    public static object Create(string outOrderNo) => new
    {
        json = new
        {
            appid = AppId,
            service_id = ServiceId,
            out_order_no = outOrderNo,
            service_introduction = "自助货柜",
            fees = new[] { new { fee_name = "饮料", fee_count = 1, fee_amount = 300 } },
            risk_amount = 10000,
        },
    };

    public static object Query(string outOrderNo) => new { query = new { service_id = ServiceId, out_order_no = outOrderNo, appid = AppId } };
}
