using WeChatPay.Chain.Chaining;

namespace WeChatPay.Chain.Tests;

public class PathSegmentTests
{
    [TestCase("V3", "v3")]
    [TestCase("v3", "v3")]
    [TestCase("Payscore", "payscore")]
    [TestCase("SmartretailOrders", "smartretail-orders")]
    [TestCase("smartretailOrders", "smartretail-orders")]
    [TestCase("ComplaintsV2", "complaints-v2")]
    [TestCase("Sub_merchants", "sub_merchants")]
    [TestCase("Apply4sub", "apply4sub")]
    [TestCase("OutTradeNo", "out-trade-no")]
    [TestCase("_transaction_id_", "{transaction_id}")]
    [TestCase("_out_order_no_", "{out_order_no}")]
    [TestCase("_", "_")]
    [TestCase("__", "__")]
    public void Member_names_map_to_segments_as_in_wechatpay_php(string member, string segment)
        => Assert.That(PathSegment.FromMemberName(member), Is.EqualTo(segment));
}
