using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Orders;

/// <summary>
/// The body of <c>POST …/{out_order_no}/complete</c>. <c>finish_type</c> 2 completes with an amount: the fees, the
/// discounts and <c>total_amount</c>, which must equal the fees less the discounts. <c>finish_type</c> 1 ends the order
/// with nothing to pay and needs a <c>cancel_reason</c>.
/// </summary>
internal sealed record CompleteOrderRequest(
    string AppId,
    string ServiceId,
    int FinishType,
    string? CancelReason,
    string? RealServiceStartTime,
    string? RealServiceEndTime,
    string? RealServiceEndLocation,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<Discount> Discounts,
    long? TotalAmount,
    string FinishTicket,
    bool? ProfitSharing)
{
    public const int Cancel = 1;
    public const int Finish = 2;

    public static CompleteOrderRequest Parse(byte[] body)
    {
        var json = JsonFields.ParseBody(body);
        var appId = json.RequiredString("appid", 32);
        var serviceId = json.RequiredString("service_id", 32);
        var finishType = (int)(json.OptionalInteger("finish_type", Cancel, Finish, "must be 1 (cancel) or 2 (finish)")
            ?? throw ApiError.Param("finish_type", "is required"));
        var cancelReason = json.OptionalString("cancel_reason", 30);
        if (finishType == Cancel && string.IsNullOrEmpty(cancelReason)) throw ApiError.Param("cancel_reason", "is required when finish_type is 1");

        var fees = json.OptionalObjects("fees", Fee.MaxItems)?.Select(item => Fee.Read(item, amountRequired: true)).ToArray() ?? [];
        var discounts = json.OptionalObjects("discounts", Discount.MaxItems)?.Select(item => Discount.Read(item, amountRequired: true)).ToArray() ?? [];
        var total = json.OptionalAmount("total_amount");
        if (finishType == Finish)
        {
            if (fees.Length == 0) throw ApiError.Param("fees", "is required when finish_type is 2: list at least one fee");
            if (total is null) throw ApiError.Param("total_amount", "is required when finish_type is 2");
            var expected = fees.Sum(fee => fee.Amount!.Value) - discounts.Sum(discount => discount.Amount!.Value);
            if (total != expected)
                throw ApiError.Param("total_amount", $"must equal the sum of fees[].fee_amount less the sum of discounts[].discount_amount, {expected}; it is {total}");
        }

        return new CompleteOrderRequest(
            appId,
            serviceId,
            finishType,
            cancelReason,
            json.OptionalString("real_service_start_time", 32),
            json.OptionalString("real_service_end_time", 32),
            json.OptionalString("real_service_end_location", 50),
            fees,
            discounts,
            total,
            json.RequiredString("finish_ticket", 128),
            json.OptionalBoolean("profit_sharing"));
    }
}
