using System.Globalization;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// One APIv2 order and its life: placed unpaid (<c>pay/unifiedorder</c>), or paid at once or after the payer's password
/// (<c>pay/micropay</c>); closed if unpaid; refunded, in parts, up to its total. Guarded by its store's lock.
/// </summary>
internal sealed class ApiV2Order(OrderRequest request, string tradeType, string openId)
{
    /// <summary>What the order was placed with.</summary>
    public OrderRequest Request { get; } = request;

    public string OutTradeNo => Request.OutTradeNo;

    public long TotalFee => Request.TotalFee;

    /// <summary><c>MICROPAY</c>, or the <c>trade_type</c> of a unified order.</summary>
    public string TradeType { get; } = tradeType;

    /// <summary>The payer's openid: the one a JSAPI order names, or the one a micropay's payer has; empty when unknown.</summary>
    public string OpenId { get; } = openId;

    public string State { get; private set; } = ApiV2TradeState.NotPay;

    public string? TransactionId { get; private set; }

    public DateTimeOffset? PaidAt { get; private set; }

    /// <summary>The <c>prepay_id</c> of an order placed with <c>pay/unifiedorder</c>; null for a micropay.</summary>
    public string? PrepayId { get; set; }

    /// <summary>The <c>code_url</c> of a NATIVE order.</summary>
    public string? CodeUrl { get; set; }

    /// <summary>How many more queries report USERPAYING before the payer's password goes through.</summary>
    public int QueriesBeforePaid { get; private set; }

    public List<ApiV2Refund> Refunds { get; } = [];

    public long RefundedFee => Refunds.Sum(refund => refund.Fee);

    public bool IsPaid => State is ApiV2TradeState.Success or ApiV2TradeState.Refund;

    public void Pay(DateTimeOffset now)
    {
        TransactionId = TransactionIds.New();
        PaidAt = now;
        State = ApiV2TradeState.Success;
    }

    /// <summary>The payer must enter a password: the order waits, and <paramref name="queries"/> queries see it waiting.</summary>
    public void WaitForPassword(int queries)
    {
        State = ApiV2TradeState.UserPaying;
        QueriesBeforePaid = queries;
    }

    /// <summary>One query of a waiting order: it is still waiting, or the password has gone through by now.</summary>
    public void Queried(DateTimeOffset now)
    {
        if (State != ApiV2TradeState.UserPaying) return;
        if (QueriesBeforePaid > 0) QueriesBeforePaid--;
        else Pay(now);
    }

    public void Close() => State = ApiV2TradeState.Closed;

    public ApiV2Refund Refund(string outRefundNo, long fee, DateTimeOffset now)
    {
        var refund = new ApiV2Refund(outRefundNo, ApiV2Refund.NewId(), fee, now);
        Refunds.Add(refund);
        State = ApiV2TradeState.Refund;
        return refund;
    }

    public ApiV2OrderView ToView() => new(OutTradeNo, TradeType, State, TotalFee, TransactionId, RefundedFee);

    /// <summary>The fields micropay and orderquery answer for the order as it stands; the payment's only once it is paid.</summary>
    public List<KeyValuePair<string, string>> Fields()
    {
        List<KeyValuePair<string, string>> fields = [];
        if (Request.DeviceInfo is not null) fields.Add(new("device_info", Request.DeviceInfo));
        fields.Add(new("out_trade_no", OutTradeNo));
        fields.Add(new("trade_type", TradeType));
        fields.Add(new("total_fee", Fen(TotalFee)));
        fields.Add(new("fee_type", "CNY"));
        if (Request.Attach is not null) fields.Add(new("attach", Request.Attach));
        if (IsPaid)
        {
            fields.Add(new("transaction_id", TransactionId!));
            fields.Add(new("openid", OpenId));
            fields.Add(new("is_subscribe", "N"));
            fields.Add(new("bank_type", "OTHERS"));
            fields.Add(new("cash_fee", Fen(TotalFee)));
            fields.Add(new("cash_fee_type", "CNY"));
            fields.Add(new("time_end", WireTime.Compact(PaidAt!.Value)));
        }
        return fields;
    }

    public static string Fen(long fen) => fen.ToString(CultureInfo.InvariantCulture);
}
