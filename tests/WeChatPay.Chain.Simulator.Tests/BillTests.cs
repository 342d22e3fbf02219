using System.Text.RegularExpressions;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class BillTests : SimulatorTest
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override ManualClock? Clock => _clock;

    private string Today => Bills.Today(_clock);

    private static void AssertParamError(ApiAnswer answer, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
            Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That(answer.Json["detail"]?["field"]?.GetValue<string>(), Is.EqualTo(field), answer.ToString());
        });
    }

    private async Task<(ApiAnswer Applied, ApiAnswer File)> ApplyAndDownloadAsync(string target)
    {
        var applied = await Merchant.GetAsync(target);
        Assert.That((int)applied.Status, Is.EqualTo(200), applied.ToString());
        var file = await Merchant.GetAsync(Bills.DownloadTarget(applied));
        Assert.That((int)file.Status, Is.EqualTo(200), file.ToString());
        return (applied, file);
    }

    [Test]
    public async Task A_trade_bill_is_applied_for_with_a_signed_answer_naming_its_sha1_and_download_url()
    {
        var applied = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}&bill_type=ALL");

        Assert.That((int)applied.Status, Is.EqualTo(200), applied.ToString());
        applied.Verify(Verifier());
        Assert.Multiple(() =>
        {
            Assert.That(applied.Json["hash_type"]!.GetValue<string>(), Is.EqualTo("SHA1"));
            Assert.That(applied.Json["hash_value"]!.GetValue<string>(), Does.Match("^[0-9a-f]{40}$"));
            Assert.That(applied.Json["download_url"]!.GetValue<string>(), Does.StartWith(Server.BaseUri + "v3/billdownload/file?token="));
        });
    }

    [Test]
    public async Task The_downloaded_file_is_unsigned_and_its_sha1_is_the_hash_value()
    {
        var (applied, file) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={Today}");

        Assert.Multiple(() =>
        {
            Assert.That(file.Header("Wechatpay-Signature"), Is.Null);
            Assert.That(file.Header("Wechatpay-Serial"), Is.Null);
            Assert.That(file.Header("Wechatpay-Timestamp"), Is.Null);
            Assert.That(file.Header("Request-ID"), Is.Not.Null);
            Assert.That(Bills.Sha1(file.Body), Is.EqualTo(applied.Json["hash_value"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task A_gzip_bill_gunzips_to_the_file_the_hash_value_names()
    {
        var (applied, file) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={Today}&tar_type=GZIP");

        Assert.That(file.Body[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }), "gzip magic");
        Assert.That(file.Header("Content-Type"), Is.EqualTo("application/octet-stream"));
        Assert.That(file.Header("Wechatpay-Signature"), Is.Null);
        var csv = Bills.Gunzip(file.Body);
        Assert.That(Bills.Sha1(csv), Is.EqualTo(applied.Json["hash_value"]!.GetValue<string>()));
        Assert.That(Bills.Sha1(file.Body), Is.Not.EqualTo(applied.Json["hash_value"]!.GetValue<string>()), "the digest is of the uncompressed file");
    }

    [Test]
    public async Task A_day_without_payments_has_three_synthetic_lines_in_the_bill_layout()
    {
        var (_, file) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={Today}");

        var lines = Bills.Lines(file.Body);
        Assert.That(lines, Has.Length.EqualTo(6), string.Join("\n", lines));
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"));
            Assert.That(lines[0].Split(','), Has.Length.EqualTo(27));
            foreach (var line in lines[1..4])
            {
                var fields = Bills.Fields(line);
                Assert.That(fields, Has.Length.EqualTo(27));
                Assert.That(fields[0], Does.Match("^" + Today + " \\d\\d:\\d\\d:\\d\\d$"));
                Assert.That(fields[2], Is.EqualTo(Server.Profile.MchId));
                Assert.That(fields[9], Is.EqualTo("SUCCESS"));
            }
            Assert.That(lines[4], Is.EqualTo("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"));
            Assert.That(Bills.Fields(lines[5])[0], Is.EqualTo("3"));
        });
    }

    [Test]
    public async Task The_same_bill_applied_for_twice_has_the_same_digest()
    {
        var first = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}");
        var second = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}");

        Assert.That(second.Json["hash_value"]!.GetValue<string>(), Is.EqualTo(first.Json["hash_value"]!.GetValue<string>()));
        Assert.That(second.Json["download_url"]!.GetValue<string>(), Is.Not.EqualTo(first.Json["download_url"]!.GetValue<string>()));
    }

    [Test]
    public async Task An_order_paid_today_is_a_line_of_todays_trade_and_basic_fund_flow_bills()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));
        await Server.PayOrderAsync(outOrderNo);

        var (_, trade) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={Today}&bill_type=SUCCESS");
        var (_, funds) = await ApplyAndDownloadAsync($"{Bills.FundFlowBillPath}?bill_date={Today}&account_type=BASIC");

        var tradeLines = Bills.Lines(trade.Body);
        Assert.That(tradeLines, Has.Length.EqualTo(4), "one real line, no synthetic ones");
        var row = Bills.Fields(tradeLines[1]);
        Assert.Multiple(() =>
        {
            Assert.That(row[1], Is.EqualTo(SmartRetail.AppId));
            Assert.That(row[5], Does.Match("^4200\\d{24}$"));
            Assert.That(row[6], Is.EqualTo(outOrderNo));
            Assert.That(row[12], Is.EqualTo("4.50"), "settled amount in yuan");
            Assert.That(row[21], Is.EqualTo("shelf-7"), "attach");
            Assert.That(row[22], Is.EqualTo("0.02700"), "0.6% fee with five decimals");
            Assert.That(Bills.Fields(tradeLines[3]), Is.EqualTo(new[] { "1", "4.50", "0.00", "0.00", "0.02700", "4.50", "0.00" }));
        });
        var fundLines = Bills.Lines(funds.Body);
        Assert.That(fundLines[0], Does.StartWith("记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,"));
        Assert.That(Bills.Fields(fundLines[1])[1], Is.EqualTo(row[5]));
        Assert.That(Bills.Fields(fundLines[^1]), Is.EqualTo(new[] { "1", "1", "4.50", "0", "0.00" }));
    }

    [Test]
    public async Task An_order_paid_today_is_not_in_yesterdays_bill()
    {
        var (outOrderNo, ticket) = await AcceptedOrderAsync();
        await Merchant.PostAsync(SmartRetail.CompleteTarget(outOrderNo), SmartRetail.CompleteBody(ticket));
        await Server.PayOrderAsync(outOrderNo);
        var yesterday = Bills.Today(new ManualClock(_clock.GetUtcNow().AddDays(-1)));

        var (_, file) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={yesterday}");

        Assert.That(file.Text, Does.Not.Contain(outOrderNo));
    }

    [Test]
    public async Task A_refund_bill_has_refund_lines()
    {
        var (_, file) = await ApplyAndDownloadAsync($"{Bills.TradeBillPath}?bill_date={Today}&bill_type=REFUND");

        var row = Bills.Fields(Bills.Lines(file.Body)[1]);
        Assert.That(row[9], Is.EqualTo("REFUND"));
        Assert.That(row[16], Is.EqualTo(row[24]), "refunded in full");
    }

    [TestCase("BASIC")]
    [TestCase("OPERATION")]
    [TestCase("FEES")]
    public async Task Each_fund_flow_account_has_a_bill(string account)
    {
        var (applied, file) = await ApplyAndDownloadAsync($"{Bills.FundFlowBillPath}?bill_date={Today}&account_type={account}&tar_type=GZIP");

        var csv = Bills.Gunzip(file.Body);
        Assert.That(Bills.Sha1(csv), Is.EqualTo(applied.Json["hash_value"]!.GetValue<string>()));
        Assert.That(Bills.Lines(csv)[^2], Is.EqualTo("资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额"));
    }

    [TestCase("2026/11/20")]
    [TestCase("20261120")]
    [TestCase("2026-13-01")]
    [TestCase("yesterday")]
    public async Task A_malformed_bill_date_is_a_param_error(string date)
    {
        AssertParamError(await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={date}"), "bill_date");
    }

    [Test]
    public async Task A_bill_date_in_the_future_is_a_param_error()
    {
        var tomorrow = Bills.Today(new ManualClock(_clock.GetUtcNow().AddDays(1)));

        AssertParamError(await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={tomorrow}"), "bill_date");
        AssertParamError(await Merchant.GetAsync($"{Bills.FundFlowBillPath}?bill_date={tomorrow}"), "bill_date");
    }

    [Test]
    public async Task A_bill_date_more_than_three_months_ago_is_a_param_error()
    {
        var old = Bills.Today(new ManualClock(_clock.GetUtcNow().AddMonths(-3).AddDays(-2)));

        AssertParamError(await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={old}"), "bill_date");
    }

    [Test]
    public async Task A_missing_bill_date_is_a_param_error()
    {
        AssertParamError(await Merchant.GetAsync(Bills.TradeBillPath), "bill_date");
    }

    [TestCase(Bills.TradeBillPath, "bill_type", "RECHARGE")]
    [TestCase(Bills.TradeBillPath, "tar_type", "ZIP")]
    [TestCase(Bills.FundFlowBillPath, "account_type", "ALL")]
    [TestCase(Bills.FundFlowBillPath, "tar_type", "gzip")]
    public async Task An_unknown_option_value_is_a_param_error(string path, string name, string value)
    {
        AssertParamError(await Merchant.GetAsync($"{path}?bill_date={Today}&{name}={value}"), name);
    }

    [Test]
    public async Task An_unknown_token_is_404()
    {
        var answer = await Merchant.GetAsync("/v3/billdownload/file?token=NoSuchToken");

        Assert.That((int)answer.Status, Is.EqualTo(404), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task A_download_url_expires_after_five_minutes()
    {
        var applied = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}");
        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var answer = await Merchant.GetAsync(Bills.DownloadTarget(applied));

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task A_download_must_be_signed_like_any_request()
    {
        var applied = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}");

        using var response = await Merchant.Http.GetAsync(Bills.DownloadTarget(applied));
        var answer = await ApiAnswer.ReadAsync(response);

        Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task A_download_signed_over_another_token_is_a_sign_error()
    {
        var applied = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Today}");

        var answer = await Merchant.GetAsync(Bills.DownloadTarget(applied), parts => parts.SignedTarget = Regex.Replace(parts.SignedTarget, "token=.*", "token=other"));

        Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
    }
}

public sealed class LargeBillTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.SyntheticBillRows = 20_000;

    [Test]
    public async Task Synthetic_rows_make_a_multi_megabyte_bill_whose_digest_still_matches()
    {
        var applied = await Merchant.GetAsync($"{Bills.TradeBillPath}?bill_date={Bills.Today()}&tar_type=GZIP");
        var file = await Merchant.GetAsync(Bills.DownloadTarget(applied));

        var csv = Bills.Gunzip(file.Body);
        Assert.That(csv.Length, Is.GreaterThan(4 * 1024 * 1024));
        Assert.That(Bills.Sha1(csv), Is.EqualTo(applied.Json["hash_value"]!.GetValue<string>()));
        Assert.That(Bills.Lines(csv), Has.Length.EqualTo(20_000 + 3 + 3));
    }

    [TestCase(-1)]
    [TestCase(1_000_001)]
    public async Task A_synthetic_row_count_out_of_range_is_refused(int rows)
    {
        var settings = new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, SyntheticBillRows = rows };

        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorServer.StartAsync(settings));
    }
}
