using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// <c>GET /v3/bill/tradebill</c> and <c>GET /v3/bill/fundflowbill</c> apply for a day's bill and answer, signed,
/// <c>{hash_type: "SHA1", hash_value, download_url}</c>; <c>GET /v3/billdownload/file?token=…</c> then sends the file,
/// gzip-compressed when <c>tar_type=GZIP</c>. The download request is authenticated like any other, but its answer is
/// not signed: <c>hash_value</c>, the SHA-1 of the uncompressed file, is how a client knows it got the right bytes.
/// Lines come from the simulator's orders paid that day, or <see cref="SyntheticRows.ForEmptyDay"/> made-up lines if
/// there are none, plus <see cref="SimulatorSettings.SyntheticBillRows"/> made-up lines on every bill.
/// </summary>
internal sealed class BillEndpoints
{
    private static readonly string[] TradeBillTypes = ["ALL", "SUCCESS", "REFUND"];
    private static readonly string[] AccountTypes = ["BASIC", "OPERATION", "FEES"];

    private readonly PaidOrderRows _orders;
    private readonly PreparedBills _prepared;
    private readonly TimeProvider _time;
    private readonly string _mchId;
    private readonly int _padding;

    public BillEndpoints(PaidOrderRows orders, PreparedBills prepared, TimeProvider time, string mchId, int padding)
    {
        _orders = orders;
        _prepared = prepared;
        _time = time;
        _mchId = mchId;
        _padding = padding;
    }

    /// <summary><c>GET /v3/bill/tradebill?bill_date=&amp;bill_type=ALL|SUCCESS|REFUND&amp;tar_type=GZIP</c>.</summary>
    public JsonObject TradeBill(RawRequest request)
    {
        var date = BillDate.Parse(request, _time);
        var type = OneOf(request, "bill_type", TradeBillTypes, "ALL");
        var gzip = TarType(request);
        var refunds = type == "REFUND";
        var rows = refunds ? [] : _orders.Trades(date).ToList();
        rows.AddRange(SyntheticRows.Trades(date, (rows.Count == 0 ? SyntheticRows.ForEmptyDay : 0) + _padding, refunds));
        return Prepare(request, Bills.TradeBill.Write(_mchId, rows.OrderBy(row => row.Time).ToArray()), gzip);
    }

    /// <summary><c>GET /v3/bill/fundflowbill?bill_date=&amp;account_type=BASIC|OPERATION|FEES&amp;tar_type=GZIP</c>.</summary>
    public JsonObject FundFlowBill(RawRequest request)
    {
        var date = BillDate.Parse(request, _time);
        var account = OneOf(request, "account_type", AccountTypes, "BASIC");
        var gzip = TarType(request);
        var rows = account == "BASIC" ? _orders.Funds(date).ToList() : [];
        rows.AddRange(SyntheticRows.Funds(date, (rows.Count == 0 ? SyntheticRows.ForEmptyDay : 0) + _padding));
        return Prepare(request, Bills.FundFlowBill.Write(rows.OrderBy(row => row.Time).ToArray()), gzip);
    }

    /// <summary><c>GET /v3/billdownload/file?token=…</c>: the file, unsigned.</summary>
    public Reply Download(RawRequest request)
    {
        var bill = _prepared.Get(QueryParameters.Required(request, "token"));
        return Reply.Unsigned(bill.Content, bill.ContentType);
    }

    private JsonObject Prepare(RawRequest request, byte[] csv, bool gzip)
    {
        var hash = Convert.ToHexStringLower(SHA1.HashData(csv));
        var token = gzip ? _prepared.Add(BillCompression.Compress(csv), "application/octet-stream") : _prepared.Add(csv, "text/plain; charset=utf-8");
        return new JsonObject
        {
            ["hash_type"] = "SHA1",
            ["hash_value"] = hash,
            ["download_url"] = new Uri(request.BaseUri, "v3/billdownload/file?token=" + token).ToString(),
        };
    }

    private static bool TarType(RawRequest request)
        => QueryParameters.Optional(request, "tar_type") switch
        {
            null => false,
            BillCompression.Gzip => true,
            _ => throw ApiError.Param("tar_type", "must be GZIP, or left out for an uncompressed file", "query"),
        };

    private static string OneOf(RawRequest request, string name, string[] allowed, string fallback)
    {
        var value = QueryParameters.Optional(request, name) ?? fallback;
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ApiError.Param(name, $"must be one of {string.Join(", ", allowed)} (default {fallback})", "query");
    }
}
