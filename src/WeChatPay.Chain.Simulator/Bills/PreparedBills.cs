using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Bills;

/// <summary>
/// The files behind <c>download_url</c> tokens. A token is opaque and unguessable, works for five minutes by the
/// simulator's clock (WeChat Pay documents the same), and may be used more than once within them. Expired files are
/// dropped whenever a new one is added, so a long run holds only the bills of the last five minutes. Thread-safe.
/// </summary>
internal sealed class PreparedBills
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private readonly Dictionary<string, PreparedBill> _bills = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PreparedBills(TimeProvider time) => _time = time;

    /// <returns>The token to put in the <c>download_url</c>.</returns>
    public string Add(byte[] content, string contentType)
    {
        var now = _time.GetUtcNow();
        var token = Nonce.Create(48);
        lock (_gate)
        {
            foreach (var expired in _bills.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToArray()) _bills.Remove(expired);
            _bills.Add(token, new PreparedBill(content, contentType, now + Lifetime));
        }
        return token;
    }

    /// <exception cref="ApiError">404 RESOURCE_NOT_EXISTS for a token never issued; 400 INVALID_REQUEST once it has expired.</exception>
    public PreparedBill Get(string token)
    {
        PreparedBill? bill;
        lock (_gate) _bills.TryGetValue(token, out bill);
        if (bill is null)
            throw new ApiError(404, ErrorCodes.ResourceNotExists, "No bill has this download token; apply for the bill (v3/bill/tradebill or v3/bill/fundflowbill) and use the download_url it answers");
        if (bill.ExpiresAt <= _time.GetUtcNow())
            throw ApiError.Invalid($"This download_url expired; it is valid for {Lifetime.TotalMinutes:0} minutes after applying for the bill, so apply again");
        return bill;
    }
}
