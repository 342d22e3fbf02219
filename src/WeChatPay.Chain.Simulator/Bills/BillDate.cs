using System.Globalization;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// <c>bill_date</c> as the bill APIs take it: <c>yyyy-MM-dd</c>, a Beijing calendar day, no later than today and no
/// earlier than three months ago, the window WeChat Pay serves bills for.
/// </summary>
internal static class BillDate
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <exception cref="ApiError">400 PARAM_ERROR: missing, malformed, in the future, or older than three months.</exception>
    public static DateOnly Parse(RawRequest request, TimeProvider time)
    {
        var text = QueryParameters.Required(request, "bill_date");
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw ApiError.Param("bill_date", "must be a date written yyyy-MM-dd, e.g. 2019-06-11", "query");
        var today = Today(time);
        if (date > today)
            throw ApiError.Param("bill_date", $"{text} is in the future; the latest bill is today's ({today:yyyy-MM-dd}, Beijing time)", "query");
        if (date < today.AddMonths(-3))
            throw ApiError.Param("bill_date", $"{text} is more than three months ago; bills can be applied for within three months", "query");
        return date;
    }

    /// <summary>Today in Beijing by the simulator's clock.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Beijing).DateTime);

    /// <summary>The Beijing calendar day of an instant.</summary>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Beijing).DateTime);

    /// <summary>Midnight starting <paramref name="date"/> in Beijing.</summary>
    public static DateTimeOffset Start(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Beijing);
}
