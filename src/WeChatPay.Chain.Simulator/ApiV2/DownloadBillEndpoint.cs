using WeChatPay.Chain.Simulator.Bills;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/downloadbill</c>: a day's trade bill from the APIv2 orders, as CSV text (gzip with
/// <c>tar_type=GZIP</c>), unsigned as WeChat Pay sends it; a day without APIv2 payments or refunds answers
/// <c>return_code</c> FAIL, <c>No Bill Exist</c>. <c>bill_date</c> is <c>yyyyMMdd</c>, a Beijing day from three months
/// ago to today (the simulator serves today's bill at once).
/// </summary>
internal sealed class DownloadBillEndpoint(ApiV2BillRows rows, TimeProvider time, string mchId)
{
    private static readonly string[] BillTypes = ["ALL", "SUCCESS", "REFUND", "RECHARGE_REFUND"];

    /// <exception cref="ApiV2Failure">Refused: a missing or malformed <c>bill_date</c>, an unknown <c>bill_type</c> or <c>tar_type</c>, or <c>No Bill Exist</c>.</exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        var date = ApiV2BillRequest.Date(request, time);
        var type = request.Optional("bill_type", 16) ?? "ALL";
        if (!BillTypes.Contains(type, StringComparer.Ordinal))
            throw ApiV2Failure.Invalid("bill_type", $"must be one of {string.Join(", ", BillTypes)} (ALL when left out)");
        var gzip = ApiV2BillRequest.Gzip(request);

        List<TradeBillRow> lines = [];
        if (type is "ALL" or "SUCCESS") lines.AddRange(rows.Payments(date));
        if (type is "ALL" or "REFUND") lines.AddRange(rows.Refunds(date));
        if (lines.Count == 0) throw ApiV2Failure.Refused("No Bill Exist");
        return ApiV2BillRequest.File(TradeBill.Write(mchId, [.. lines.OrderBy(line => line.Time)]), gzip);
    }
}
