using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;
using WeChatPay.Chain.Simulator.Http;

namespace WeChatPay.Chain.Simulator.Transactions;

/// <summary>
/// JSAPI payment orders: placed by the merchant (<c>POST /v3/pay/transactions/jsapi</c> answers a <c>prepay_id</c>),
/// queried by <c>out_trade_no</c>, and paid by the simulated user with the parameters the merchant's front end got
/// from <c>PaySign.ForJsapi</c> — which the simulator checks as WeChat's cashier does, with the merchant's public key
/// over <c>appId\ntimeStamp\nnonceStr\npackage\n</c>. Thread-safe.
/// </summary>
internal sealed class JsapiTransactionStore
{

    private readonly object _gate = new();
    private readonly Dictionary<string, JsapiTransaction> _byOutTradeNo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsapiTransaction> _byPrepayId = new(StringComparer.Ordinal);
    private readonly SimulatorProfile _profile;
    private readonly TimeProvider _time;

    public JsapiTransactionStore(SimulatorProfile profile, TimeProvider time)
    {
        _profile = profile;
        _time = time;
    }

    /// <summary>Places an order, or answers the same <c>prepay_id</c> for a repeat with the same body.</summary>
    /// <exception cref="ApiError">400: a field is wrong, <c>mchid</c> is not this merchant's, or the <c>out_trade_no</c> exists with another body or is paid.</exception>
    public JsonObject Place(RawRequest request)
    {
        var order = JsapiOrderRequest.Parse(request.Body);
        if (order.MchId != _profile.MchId)
            throw ApiError.Param("mchid", $"must be the merchant that signs the request, {_profile.MchId}");
        lock (_gate)
        {
            if (_byOutTradeNo.TryGetValue(order.OutTradeNo, out var existing))
            {
                if (existing.TransactionId is not null) throw new ApiError(400, "ORDERPAID", $"out_trade_no {order.OutTradeNo} is paid already");
                if (!JsonNode.DeepEquals(existing.Request.Body, order.Body))
                    throw ApiError.Invalid($"out_trade_no {order.OutTradeNo} already exists with different parameters; repeat the original parameters or use a new out_trade_no", "out_trade_no");
                return Answer(existing);
            }
            var now = _time.GetUtcNow();
            var prepayId = PrepayIds.New(now);
            var transaction = new JsapiTransaction(order, prepayId, now);
            _byOutTradeNo.Add(order.OutTradeNo, transaction);
            _byPrepayId.Add(prepayId, transaction);
            return Answer(transaction);
        }
    }

    /// <exception cref="ApiError">404 ORDER_NOT_EXIST; 400 when <c>mchid</c> is missing or not this merchant's.</exception>
    public JsonObject Query(RawRequest request, string outTradeNo)
    {
        if (QueryParameters.Required(request, "mchid") != _profile.MchId)
            throw ApiError.Param("mchid", $"must be the merchant that signs the request, {_profile.MchId}", "query");
        lock (_gate)
        {
            return _byOutTradeNo.TryGetValue(outTradeNo, out var transaction)
                ? transaction.ToJson()
                : throw ApiError.OrderNotFound($"No JSAPI order has out_trade_no {outTradeNo}");
        }
    }

    /// <summary>The user pays with the front end's parameters, checked as WeChat's cashier checks them.</summary>
    /// <exception cref="ApiError">
    /// 400 PARAM_ERROR naming the parameter that is missing or wrong (an unknown or expired prepay id, an <c>appId</c>
    /// that is not the order's, a <c>signType</c> other than RSA, a <c>paySign</c> that does not verify); 400 ORDERPAID.
    /// </exception>
    public JsapiTransactionView Pay(JsapiPayment payment)
    {
        if (payment.SignType != PaySign.RsaSignType) throw ApiError.Param("signType", $"must be {PaySign.RsaSignType} for APIv3");
        if (!payment.Package.StartsWith(PaySign.PrepayIdPackagePrefix, StringComparison.Ordinal)) throw ApiError.Param("package", $"must be {PaySign.PrepayIdPackagePrefix} followed by the prepay_id");
        var message = Encoding.UTF8.GetBytes($"{payment.AppId}\n{payment.TimeStamp}\n{payment.NonceStr}\n{payment.Package}\n");
        if (!Rsa.Verify(_profile.MerchantPublicKey, message, payment.PaySign))
            throw ApiError.Param("paySign", "does not verify with the merchant's public key over appId\\ntimeStamp\\nnonceStr\\npackage\\n (RSA-SHA256, Base64): sign with the merchant private key, over exactly the values sent");
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_byPrepayId.TryGetValue(payment.Package[PaySign.PrepayIdPackagePrefix.Length..], out var transaction))
                throw ApiError.Param("package", "names no prepay_id the simulator answered");
            if (now - transaction.CreatedAt > JsapiTransaction.PrepayLifetime)
                throw ApiError.Param("package", "the prepay_id has expired: it can be paid within two hours; place the order again");
            if (payment.AppId != transaction.Request.AppId)
                throw ApiError.Param("appId", $"must be the appid the order was placed for, {transaction.Request.AppId}");
            if (transaction.TransactionId is not null) throw new ApiError(400, "ORDERPAID", $"out_trade_no {transaction.Request.OutTradeNo} is paid already");
            transaction.TransactionId = TransactionIds.New();
            transaction.PaidAt = now;
            return transaction.ToView();
        }
    }

    /// <summary>The order as it stands now, or null.</summary>
    public JsapiTransactionView? Find(string outTradeNo)
    {
        lock (_gate) return _byOutTradeNo.TryGetValue(outTradeNo, out var transaction) ? transaction.ToView() : null;
    }

    private static JsonObject Answer(JsapiTransaction transaction) => new() { ["prepay_id"] = transaction.PrepayId };
}
