using System.Globalization;
using WeChatPay.Chain.Simulator.Bills;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>The fields APIv2's bill downloads share: <c>bill_date</c> and <c>tar_type</c>, and the file they answer with.</summary>
internal static class ApiV2BillRequest
{
    /// <summary><c>bill_date</c>: <c>yyyyMMdd</c>, a Beijing day from three months ago to today (the simulator serves today's bills at once).</summary>
    /// <exception cref="ApiV2Failure">Refused: missing, malformed, or outside that window.</exception>
    public static DateOnly Date(VerifiedRequest request, TimeProvider time)
    {
        var text = request.Required("bill_date", 16);
        if (!DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw ApiV2Failure.Invalid("bill_date", "must be a day written yyyyMMdd, such as 20140603");
        var today = BillDate.Today(time);
        if (date > today || date < today.AddMonths(-3))
            throw ApiV2Failure.Invalid("bill_date", $"must be a day from three months ago to today ({today:yyyyMMdd}, Beijing time)");
        return date;
    }

    /// <summary>Whether <c>tar_type</c> asks for the file gzipped.</summary>
    /// <exception cref="ApiV2Failure">Refused: a <c>tar_type</c> other than GZIP.</exception>
    public static bool Gzip(VerifiedRequest request) => request.Optional("tar_type", 8) switch
    {
        null => false,
        BillCompression.Gzip => true,
        _ => throw ApiV2Failure.Invalid("tar_type", $"must be {BillCompression.Gzip}, or left out for CSV text"),
    };

    /// <summary>The bill as CSV text, or gzipped, unsigned as WeChat Pay sends it.</summary>
    public static ApiV2Result File(byte[] csv, bool gzip)
        => gzip ? ApiV2Result.OfFile(BillCompression.Compress(csv), "application/x-gzip") : ApiV2Result.OfFile(csv, "text/plain; charset=utf-8");
}
