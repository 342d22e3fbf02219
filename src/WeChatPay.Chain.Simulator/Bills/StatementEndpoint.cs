using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// <c>GET /v3/statements?bill_date=yyyy-MM-dd</c> and <c>GET /v3/global/statements?bill_date=…</c>: the day's statement
/// of the basic account, the fund-flow lines of the orders paid that day (made-up lines on a day without any), sent
/// as the file itself. Unlike a bill it is signed, but over <c>{"sha1":"…"}</c> with the SHA-1 of the file that the
/// <c>Wechatpay-Statement-Sha1</c> header carries, so a client checks the file against that header and the header
/// against the signature. Only <c>bill_date</c> is modelled; other query parameters are ignored.
/// </summary>
internal sealed class StatementEndpoint
{
    private const string ContentType = "text/plain; charset=utf-8";

    private readonly PaidOrderRows _orders;
    private readonly TimeProvider _time;

    public StatementEndpoint(PaidOrderRows orders, TimeProvider time)
    {
        _orders = orders;
        _time = time;
    }

    /// <exception cref="ApiError">400 PARAM_ERROR: <c>bill_date</c> is missing, malformed, in the future or too old.</exception>
    public Reply Get(RawRequest request)
    {
        var date = BillDate.Parse(request, _time);
        var rows = _orders.Funds(date).ToList();
        if (rows.Count == 0) rows.AddRange(SyntheticRows.Funds(date, SyntheticRows.ForEmptyDay));
        return Reply.Statement(FundFlowBill.Write(rows.OrderBy(row => row.Time).ToArray()), ContentType);
    }
}
