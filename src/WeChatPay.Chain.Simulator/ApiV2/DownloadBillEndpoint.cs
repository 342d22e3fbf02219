using System.Globalization;
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
        var text = request.Required("bill_date", 16);
        if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw ApiV2Failure.Invalid("bill_date", "must be a day written yyyyMMdd, such as 20140603");
        var today = BillDate.Today(time);
        if (date > today || date < today.AddMonths(-3))
            throw ApiV2Failure.Invalid("bill_date", $"must be a day from three months ago to today ({today:yyyyMMdd}, Beijing time)");
        var type = request.Optional("bill_type", 16) ?? "ALL";
        if (!BillTypes.Contains(type, StringComparer.Ordinal))
            throw ApiV2Failure.Invalid("bill_type", $"must be one of {string.Join(", ", BillTypes)} (ALL when left out)");
        var tarType = request.Optional("tar_type", 8);
        if (tarType is not (null or BillCompression.Gzip))
            throw ApiV2Failure.Invalid("tar_type", $"must be {BillCompression.Gzip}, or left out for CSV text");

        List<TradeBillRow> lines = [];
        if (type is "ALL" or "SUCCESS") lines.AddRange(rows.Payments(date));
        if (type is "ALL" or "REFUND") lines.AddRange(rows.Refunds(date));
        if (lines.Count == 0) throw ApiV2Failure.Refused("No Bill Exist");
        var csv = TradeBill.Write(mchId, [.. lines.OrderBy(line => line.Time)]);
        return tarType is null
            ? ApiV2Result.OfFile(csv, "text/plain; charset=utf-8")
            : ApiV2Result.OfFile(BillCompression.Compress(csv), "application/x-gzip");
    }
}
