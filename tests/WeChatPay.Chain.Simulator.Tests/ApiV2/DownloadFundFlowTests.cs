using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary>
/// <c>v2/pay/downloadfundflow</c> through the library's client over mutual TLS: the basic account's movements of the
/// day's APIv2 orders as CSV, unsigned, for a request signed with HMAC-SHA256 that presents the merchant certificate.
/// </summary>
public sealed class DownloadFundFlowTests : SimulatorTest
{
    private WeChatPayClient _client = null!;

    protected override void Configure(SimulatorSettings settings) => settings.Https = true;

    [SetUp]
    public void MakeClient() => _client = new WeChatPayClient(Server.Profile.ToClientOptions());

    [TearDown]
    public void DisposeClient() => _client?.Dispose();

    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private object FundFlow(string account = "Basic", string? tarType = null, string signType = "HMAC-SHA256", bool security = true) => new
    {
        xml = new Dictionary<string, object?>
        {
            ["appid"] = V2Wire.AppId, ["mch_id"] = Server.Profile.MchId, ["sign_type"] = signType, ["bill_date"] = Today, ["account_type"] = account, ["tar_type"] = tarType,
        },
        security,
    };

    private async Task<(string TransactionId, string RefundId)> PaidAndPartlyRefundedAsync()
    {
        var outTradeNo = "V2" + Guid.NewGuid().ToString("N")[..24];
        var paid = await _client.SendAsync(HttpMethod.Post, "v2/pay/micropay", new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, body = "image", out_trade_no = outTradeNo, total_fee = 1234, spbill_create_ip = "8.8.8.8", auth_code = SimulatedAuthCodes.PaysAtOnce } });
        var refunded = await _client.SendAsync(HttpMethod.Post, "v2/secapi/pay/refund", new { xml = new { appid = V2Wire.AppId, mch_id = Server.Profile.MchId, out_trade_no = outTradeNo, out_refund_no = "R" + outTradeNo, total_fee = 1234, refund_fee = 234 }, security = true });
        return (paid.Xml["transaction_id"], refunded.Xml["refund_id"]);
    }

    private async Task<ApiV2Exception> FailsAsync(object options)
        => (await Assert.ThrowsAsync<ApiV2Exception>(() => _client.SendAsync(HttpMethod.Post, "v2/pay/downloadfundflow", options)))!;

    [Test]
    public async Task The_days_fund_flow_has_each_payment_as_income_and_each_refund_as_expense([Values] bool sync)
    {
        var (transactionId, refundId) = await PaidAndPartlyRefundedAsync();

        var response = sync ? _client.Send(HttpMethod.Post, "v2/pay/downloadfundflow", FundFlow()) : await _client.SendAsync(HttpMethod.Post, "v2/pay/downloadfundflow", FundFlow());

        var lines = response.Text.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Unsigned), "bills come unsigned");
            Assert.That(response.Header("Content-Type"), Does.StartWith("text/plain"));
            Assert.That(lines[0], Does.StartWith("记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元)"));
            Assert.That(lines.Single(l => l.Contains(transactionId, StringComparison.Ordinal)), Does.Contain("`交易,`交易,`收入,`12.34,"));
            Assert.That(lines.Single(l => l.Contains(refundId, StringComparison.Ordinal)), Does.Contain("`退款,`退款,`支出,`2.34,"));
            Assert.That(lines, Does.Contain("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额"));
        });
    }

    [Test]
    public async Task DownloadV2_streams_the_fund_flow_and_unpacks_gzip([Values] bool sync)
    {
        await PaidAndPartlyRefundedAsync();
        var expected = (await _client.SendAsync(HttpMethod.Post, "v2/pay/downloadfundflow", FundFlow())).Text;
        var gzipped = await _client.SendAsync(HttpMethod.Post, "v2/pay/downloadfundflow", FundFlow(tarType: "GZIP"));
        using var unpacked = new MemoryStream();

        var result = sync ? _client.DownloadV2("v2/pay/downloadfundflow", FundFlow(tarType: "GZIP"), unpacked, gunzip: true)
            : await _client.DownloadV2Async("v2/pay/downloadfundflow", FundFlow(tarType: "GZIP"), unpacked, gunzip: true);

        using var inflated = new MemoryStream();
        using (var stream = new GZipStream(new MemoryStream(gzipped.Body), CompressionMode.Decompress)) stream.CopyTo(inflated);
        Assert.That(gzipped.Header("Content-Type"), Is.EqualTo("application/x-gzip"));
        Assert.That(Encoding.UTF8.GetString(inflated.ToArray()), Is.EqualTo(expected));
        Assert.That(Encoding.UTF8.GetString(unpacked.ToArray()), Is.EqualTo(expected));
        Assert.That(result.Length, Is.EqualTo(unpacked.Length));
    }

    [Test]
    public async Task Accounts_the_simulator_does_not_keep_have_no_bill()
    {
        await PaidAndPartlyRefundedAsync();

        Assert.That((await FailsAsync(FundFlow("Operation"))).ReturnMessage, Is.EqualTo("No Bill Exist"));
        Assert.That((await FailsAsync(FundFlow("Fees"))).ReturnMessage, Is.EqualTo("No Bill Exist"));
    }

    [Test]
    public async Task An_unknown_account_a_request_signed_with_MD5_or_one_without_the_certificate_is_refused()
    {
        var account = await FailsAsync(FundFlow("Savings"));
        var md5 = await FailsAsync(FundFlow(signType: "MD5"));
        var withoutCertificate = await FailsAsync(FundFlow(security: false));

        Assert.That(account.ReturnMessage, Does.Contain("invalid account_type").And.Contain("Basic, Operation, Fees"));
        Assert.That(md5.ReturnMessage, Does.Contain("invalid sign_type").And.Contain("HMAC-SHA256"));
        Assert.That(withoutCertificate.ReturnMessage, Does.Contain("证书").Or.Contains("certificate"));
    }
}
