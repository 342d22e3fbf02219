using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Bills;

namespace WeChatPay.Chain.Simulator.ApiV2;

/// <summary>
/// <c>POST /pay/downloadfundflow</c>, over mutual TLS and signed with HMAC-SHA256 only: a day's fund flow of the
/// <c>Basic</c> account from the APIv2 orders — each payment an income, each refund an expense — as CSV text (gzip with
/// <c>tar_type=GZIP</c>), unsigned as WeChat Pay sends it. The simulator keeps no <c>Operation</c> or <c>Fees</c> account,
/// so those, and a day without movements, answer <c>return_code</c> FAIL, <c>No Bill Exist</c>.
/// </summary>
internal sealed class DownloadFundFlowEndpoint(ApiV2BillRows rows, TimeProvider time)
{
    private static readonly string[] AccountTypes = ["Basic", "Operation", "Fees"];

    /// <exception cref="ApiV2Failure">Refused: signed with MD5, a missing or malformed <c>bill_date</c>, an unknown <c>account_type</c> or <c>tar_type</c>, or <c>No Bill Exist</c>.</exception>
    public ApiV2Result Handle(VerifiedRequest request)
    {
        if (request.SignType != ApiV2SignType.HmacSha256)
            throw ApiV2Failure.Invalid("sign_type", "must be HMAC-SHA256, the only sign type this endpoint takes");
        var date = ApiV2BillRequest.Date(request, time);
        var account = request.Required("account_type", 16);
        if (!AccountTypes.Contains(account, StringComparer.Ordinal))
            throw ApiV2Failure.Invalid("account_type", $"must be one of {string.Join(", ", AccountTypes)}");
        var gzip = ApiV2BillRequest.Gzip(request);

        var movements = account == "Basic" ? rows.Funds(date) : [];
        if (movements.Count == 0) throw ApiV2Failure.Refused("No Bill Exist");
        return ApiV2BillRequest.File(FundFlowBill.Write([.. movements.OrderBy(row => row.Time)]), gzip);
    }
}
