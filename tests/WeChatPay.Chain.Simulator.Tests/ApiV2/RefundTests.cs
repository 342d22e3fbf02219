using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// <c>secapi/pay/refund</c> over HTTPS: taken only with the merchant certificate presented over mutual TLS. These
/// requests are built by hand (<see cref="V2Wire"/>), so that a certificate can be presented or withheld at will;
/// <see cref="RefundThroughTheLibraryTests"/> makes the same call through the client.
/// </summary>
public sealed class RefundTests : SimulatorTest
{
    private const string RefundPath = "/secapi/pay/refund";

    private V2Wire _withCertificate = null!;
    private X509Certificate2 _merchantCertificate = null!;

    protected override void Configure(SimulatorSettings settings) => settings.Https = true;

    [SetUp]
    public void MakeWire()
    {
        _merchantCertificate = V2Wire.MerchantCertificate(Server.Profile);
        _withCertificate = new V2Wire(Server, _merchantCertificate);
    }

    [TearDown]
    public void DisposeWire()
    {
        _withCertificate?.Dispose();
        _merchantCertificate?.Dispose();
    }

    private static string Fen(long fen) => fen.ToString(CultureInfo.InvariantCulture);

    private async Task<(string OutTradeNo, string TransactionId)> PaidOrderAsync(long totalFee = 100)
    {
        var outTradeNo = "V2" + Guid.NewGuid().ToString("N")[..24];
        var answer = await _withCertificate.PostAsync("/pay/micropay", _withCertificate.Fields(("body", "QQ公仔"), ("out_trade_no", outTradeNo), ("total_fee", Fen(totalFee)),
            ("spbill_create_ip", "14.23.150.211"), ("auth_code", SimulatedAuthCodes.PaysAtOnce)));
        Assert.That(answer.Field("result_code"), Is.EqualTo("SUCCESS"), answer.ToString());
        return (outTradeNo, answer.Field("transaction_id")!);
    }

    private List<KeyValuePair<string, string>> Refund(V2Wire wire, string outTradeNo, long refundFee, long totalFee = 100, string? outRefundNo = null, params (string, string)[] more)
        => wire.Fields([("out_trade_no", outTradeNo), ("out_refund_no", outRefundNo ?? "R" + Guid.NewGuid().ToString("N")[..20]), ("total_fee", Fen(totalFee)), ("refund_fee", Fen(refundFee)), .. more]);

    [Test]
    public async Task A_refund_with_the_merchant_certificate_is_taken_and_signed()
    {
        var (outTradeNo, transactionId) = await PaidOrderAsync();

        var answer = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 30, outRefundNo: "R1" + outTradeNo));

        Assert.Multiple(() =>
        {
            Assert.That((answer.Field("return_code"), answer.Field("result_code")), Is.EqualTo(("SUCCESS", "SUCCESS")), answer.ToString());
            Assert.That(ApiV2Signature.IsValid(answer.Xml, Server.Profile.ApiV2Key), Is.True);
            Assert.That(answer.Field("sign"), Has.Length.EqualTo(32));
            Assert.That(answer.Field("transaction_id"), Is.EqualTo(transactionId));
            Assert.That(answer.Field("out_refund_no"), Is.EqualTo("R1" + outTradeNo));
            Assert.That(answer.Field("refund_id"), Does.Match("^50[0-9]{27}$"));
            Assert.That(answer.Field("refund_fee"), Is.EqualTo("30"));
            Assert.That(answer.Field("total_fee"), Is.EqualTo("100"));
            Assert.That(Server.FindApiV2Order(outTradeNo), Is.EqualTo(new ApiV2OrderView(outTradeNo, "MICROPAY", "REFUND", 100, transactionId, 30)));
        });
    }

    [Test]
    public async Task A_refund_signed_with_HMAC_SHA256_by_transaction_id_is_answered_in_HMAC_SHA256()
    {
        var (_, transactionId) = await PaidOrderAsync();
        var fields = _withCertificate.Fields(("transaction_id", transactionId), ("out_refund_no", "RH" + transactionId[..20]), ("total_fee", "100"), ("refund_fee", "100"), ("sign_type", "HMAC-SHA256"));

        var answer = await _withCertificate.PostAsync(RefundPath, fields, ApiV2SignType.HmacSha256);

        Assert.That(answer.Field("result_code"), Is.EqualTo("SUCCESS"), answer.ToString());
        Assert.That(answer.Field("sign"), Has.Length.EqualTo(64));
        Assert.That(ApiV2Signature.IsValid(answer.Xml, Server.Profile.ApiV2Key), Is.True);
    }

    [Test]
    public async Task Without_a_client_certificate_the_refund_is_refused_and_nothing_is_refunded()
    {
        var (outTradeNo, _) = await PaidOrderAsync();
        using var withoutCertificate = new V2Wire(Server);

        var answer = await withoutCertificate.PostAsync(RefundPath, Refund(withoutCertificate, outTradeNo, 30));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Field("return_code"), Is.EqualTo("FAIL"), answer.ToString());
            Assert.That(answer.Field("return_msg"), Does.Contain("证书").And.Contain("no client certificate"));
            Assert.That(answer.Field("sign"), Is.Null);
            Assert.That(Server.FindApiV2Order(outTradeNo)!.RefundedFee, Is.Zero);
        });
    }

    [Test]
    public async Task Another_client_certificate_is_refused()
    {
        var (outTradeNo, _) = await PaidOrderAsync();
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={Server.Profile.MchId}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var stranger = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        using var wire = new V2Wire(Server, stranger);

        var answer = await wire.PostAsync(RefundPath, Refund(wire, outTradeNo, 30));

        Assert.That(answer.Field("return_msg"), Does.Contain("is not the merchant API certificate").And.Contain(Server.Profile.MerchantSerial), answer.ToString());
    }

    [Test]
    public async Task Refunds_add_up_to_the_total_and_no_further()
    {
        var (outTradeNo, _) = await PaidOrderAsync();

        var first = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 60));
        var second = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 40));
        var over = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 1));
        var query = await _withCertificate.PostAsync("/pay/orderquery", _withCertificate.Fields(("out_trade_no", outTradeNo)));

        Assert.Multiple(() =>
        {
            Assert.That(first.Field("result_code"), Is.EqualTo("SUCCESS"), first.ToString());
            Assert.That(second.Field("result_code"), Is.EqualTo("SUCCESS"), second.ToString());
            Assert.That(over.Field("result_code"), Is.EqualTo("FAIL"));
            Assert.That(over.Field("err_code"), Is.EqualTo("INVALID_REQUEST"));
            Assert.That(over.Field("err_code_des"), Does.Contain("0 fen of 100 is left"));
            Assert.That(ApiV2Signature.IsValid(over.Xml, Server.Profile.ApiV2Key), Is.True, "a business failure is signed");
            Assert.That(query.Field("trade_state"), Is.EqualTo("REFUND"));
            Assert.That(Server.FindApiV2Order(outTradeNo)!.RefundedFee, Is.EqualTo(100));
        });
    }

    [Test]
    public async Task The_same_out_refund_no_again_answers_the_same_refund_and_with_another_amount_is_a_mismatch()
    {
        var (outTradeNo, _) = await PaidOrderAsync();
        var outRefundNo = "R" + outTradeNo;

        var first = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 10, outRefundNo: outRefundNo));
        var again = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 10, outRefundNo: outRefundNo));
        var other = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 20, outRefundNo: outRefundNo));

        Assert.That(again.Field("refund_id"), Is.EqualTo(first.Field("refund_id")));
        Assert.That(other.Field("err_code"), Is.EqualTo("REFUND_FEE_MISMATCH"));
        Assert.That(Server.FindApiV2Order(outTradeNo)!.RefundedFee, Is.EqualTo(10));
    }

    [Test]
    public async Task A_refund_larger_than_total_fee_is_refused_as_invalid_refund_fee()
    {
        var (outTradeNo, _) = await PaidOrderAsync();

        var answer = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 101));

        Assert.That((answer.Field("return_code"), answer.Field("return_msg")), Is.EqualTo(("FAIL", "invalid refund_fee")));
    }

    [Test]
    public async Task A_total_fee_that_is_not_the_orders_is_INVALID_REQUEST()
    {
        var (outTradeNo, _) = await PaidOrderAsync();

        var answer = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 10, totalFee: 99));

        Assert.That(answer.Field("err_code"), Is.EqualTo("INVALID_REQUEST"));
        Assert.That(answer.Field("err_code_des"), Does.Contain("total_fee must be the order's total, 100 fen"));
    }

    [Test]
    public async Task An_unknown_order_is_ORDERNOTEXIST_and_an_unpaid_one_cannot_be_refunded()
    {
        var unpaid = "V2" + Guid.NewGuid().ToString("N")[..24];
        await _withCertificate.PostAsync("/pay/unifiedorder", _withCertificate.Fields(("body", "QQ会员"), ("out_trade_no", unpaid), ("total_fee", "100"),
            ("spbill_create_ip", "123.12.12.123"), ("notify_url", "https://example.com/notify"), ("trade_type", "NATIVE")));

        var unknown = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, "nosuchorder", 10));
        var notPaid = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, unpaid, 10));

        Assert.That(unknown.Field("err_code"), Is.EqualTo("ORDERNOTEXIST"));
        Assert.That(notPaid.Field("err_code"), Is.EqualTo("INVALID_REQUEST"));
        Assert.That(notPaid.Field("err_code_des"), Does.Contain("NOTPAY"));
    }

    [TestCase("out_refund_no")]
    [TestCase("refund_fee")]
    [TestCase("total_fee")]
    public async Task A_missing_field_is_refused_naming_it(string name)
    {
        var (outTradeNo, _) = await PaidOrderAsync();
        var fields = Refund(_withCertificate, outTradeNo, 10);
        fields.RemoveAll(f => f.Key == name);

        var answer = await _withCertificate.PostAsync(RefundPath, fields);

        Assert.That(answer.Field("return_msg"), Does.Contain(name + " is required"), answer.ToString());
    }

    [Test]
    public async Task A_refund_bill_lists_the_refunds_of_the_day()
    {
        var (outTradeNo, transactionId) = await PaidOrderAsync();
        var refund = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 25));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var bill = await _withCertificate.PostAsync("/pay/downloadbill", _withCertificate.Fields(("bill_date", today), ("bill_type", "REFUND")));

        var line = bill.Text.Split("\r\n").Single(l => l.Contains(outTradeNo, StringComparison.Ordinal));
        Assert.That(line, Does.Contain("`" + transactionId).And.Contain("`" + refund.Field("refund_id")).And.Contain("`0.25").And.Contain("`REFUND"));
    }

    [Test]
    public async Task A_refund_query_by_order_lists_every_refund_numbered_from_zero_and_by_refund_number_just_that_one()
    {
        var (outTradeNo, transactionId) = await PaidOrderAsync();
        var first = await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 60, outRefundNo: "RA" + outTradeNo));
        await _withCertificate.PostAsync(RefundPath, Refund(_withCertificate, outTradeNo, 25, outRefundNo: "RB" + outTradeNo));

        var byOrder = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("out_trade_no", outTradeNo)));
        var byTransaction = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("transaction_id", transactionId)));
        var byRefundId = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("refund_id", first.Field("refund_id")!), ("out_trade_no", "ignored")));
        var byRefundNo = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("out_refund_no", "RB" + outTradeNo)));

        Assert.Multiple(() =>
        {
            Assert.That(byOrder.Field("result_code"), Is.EqualTo("SUCCESS"), byOrder.ToString());
            Assert.That(ApiV2Signature.IsValid(byOrder.Xml, Server.Profile.ApiV2Key), Is.True, "the answer is signed");
            Assert.That((byOrder.Field("transaction_id"), byOrder.Field("total_fee"), byOrder.Field("refund_count"), byOrder.Field("total_refund_count")), Is.EqualTo((transactionId, "100", "2", "2")));
            Assert.That((byOrder.Field("out_refund_no_0"), byOrder.Field("refund_fee_0"), byOrder.Field("refund_status_0")), Is.EqualTo(("RA" + outTradeNo, "60", "SUCCESS")));
            Assert.That((byOrder.Field("out_refund_no_1"), byOrder.Field("refund_fee_1"), byOrder.Field("refund_status_1")), Is.EqualTo(("RB" + outTradeNo, "25", "SUCCESS")));
            Assert.That(byOrder.Field("refund_id_0"), Is.EqualTo(first.Field("refund_id")));
            Assert.That(byOrder.Field("refund_success_time_0"), Does.Match(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"));
            Assert.That(byOrder.Field("out_refund_no_2"), Is.Null);
            Assert.That(byTransaction.Field("refund_count"), Is.EqualTo("2"));
            Assert.That((byRefundId.Field("refund_count"), byRefundId.Field("out_refund_no_0"), byRefundId.Field("total_refund_count")), Is.EqualTo(("1", "RA" + outTradeNo, "2")), "the refund id decides before the order number");
            Assert.That((byRefundNo.Field("refund_count"), byRefundNo.Field("refund_fee_0")), Is.EqualTo(("1", "25")));
        });
    }

    [Test]
    public async Task A_refund_query_that_matches_no_refund_is_REFUNDNOTEXIST_and_one_without_a_number_is_refused()
    {
        var (unrefunded, _) = await PaidOrderAsync();

        var none = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("out_trade_no", unrefunded)));
        var unknown = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields(("out_refund_no", "NO-SUCH-REFUND")));
        var missing = await _withCertificate.PostAsync("/pay/refundquery", _withCertificate.Fields());

        Assert.Multiple(() =>
        {
            Assert.That((none.Field("result_code"), none.Field("err_code")), Is.EqualTo(("FAIL", "REFUNDNOTEXIST")), none.ToString());
            Assert.That(none.Field("err_code_des"), Does.Contain(unrefunded));
            Assert.That(unknown.Field("err_code"), Is.EqualTo("REFUNDNOTEXIST"));
            Assert.That(missing.Field("return_code"), Is.EqualTo("FAIL"));
            Assert.That(missing.Field("return_msg"), Does.Contain("refund_id, out_refund_no, transaction_id or out_trade_no"));
        });
    }
}

/// <summary>Over plain HTTP, the library's mutual TLS cannot happen, and the simulator says so.</summary>
public sealed class RefundOverHttpTests : ApiV2Test
{
    [Test]
    public async Task A_refund_over_plain_HTTP_is_refused_for_the_missing_certificate([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();
        await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo, totalFee: 100));
        var refund = new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, out_trade_no = outTradeNo, out_refund_no = "R" + outTradeNo, total_fee = 100, refund_fee = 100 }, security = true };

        var e = await FailsAsync(() => sync ? Task.FromResult(Client.Send(HttpMethod.Post, "v2/secapi/pay/refund", refund)) : Client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", refund));

        Assert.That(e.ReturnCode, Is.EqualTo("FAIL"));
        Assert.That(e.ReturnMessage, Does.Contain("plain HTTP").And.Contain("SimulatorSettings.Https"));
        Assert.That(Server.FindApiV2Order(outTradeNo)!.RefundedFee, Is.Zero);
    }
}
