using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests.ApiV2;

/// <summary><c>v2/pay/downloadbill</c> through the library's client: the day's APIv2 orders as CSV, unsigned.</summary>
public sealed class DownloadBillTests : ApiV2Test
{
    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private object Bill(string date, string? billType = null, string? tarType = null)
        => new { xml = new Dictionary<string, object?> { ["appid"] = V2Wire.AppId, ["mch_id"] = Server.Profile.MchId, ["bill_date"] = date, ["bill_type"] = billType, ["tar_type"] = tarType } };

    [Test]
    public async Task Todays_bill_lists_the_orders_paid_today([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();
        var paid = await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo, totalFee: 1234));

        var response = sync ? Client.Send(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today)) : await Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today));

        var lines = response.Text.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(response.Call!.Verification, Is.EqualTo(ResponseVerification.Unsigned), "bills come unsigned");
            Assert.That(response.Header("Content-Type"), Does.StartWith("text/plain"));
            Assert.That(lines[0], Does.StartWith("交易时间,公众账号ID,商户号"));
            var line = lines.Single(l => l.Contains(outTradeNo, StringComparison.Ordinal));
            Assert.That(line, Does.Contain("`" + paid.Xml["transaction_id"]).And.Contain("`MICROPAY").And.Contain("`SUCCESS").And.Contain("`12.34").And.Contain("`" + Server.Profile.MchId));
        });
    }

    [Test]
    public async Task A_gzip_bill_is_the_same_CSV_compressed()
    {
        var outTradeNo = NewOutTradeNo();
        await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo));

        var plain = await Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today, "SUCCESS"));
        var gzip = await Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today, "SUCCESS", "GZIP"));

        using var unzipped = new MemoryStream();
        using (var stream = new GZipStream(new MemoryStream(gzip.Body), CompressionMode.Decompress)) stream.CopyTo(unzipped);
        Assert.That(Encoding.UTF8.GetString(unzipped.ToArray()), Is.EqualTo(plain.Text));
        Assert.That(gzip.Header("Content-Type"), Is.EqualTo("application/x-gzip"));
    }

    [Test]
    public async Task DownloadV2_streams_the_bill_into_a_stream_and_unpacks_gzip([Values] bool sync)
    {
        var outTradeNo = NewOutTradeNo();
        await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(outTradeNo, totalFee: 4321));
        var expected = (await Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today))).Text;
        using var plain = new MemoryStream();
        using var unpacked = new MemoryStream();

        var result = sync ? Client.DownloadV2("v2/pay/downloadbill", Bill(Today), plain) : await Client.DownloadV2Async("v2/pay/downloadbill", Bill(Today), plain);
        var gzip = sync ? Client.DownloadV2("v2/pay/downloadbill", Bill(Today, tarType: "GZIP"), unpacked, gunzip: true)
            : await Client.DownloadV2Async("v2/pay/downloadbill", Bill(Today, tarType: "GZIP"), unpacked, gunzip: true);

        Assert.That(Encoding.UTF8.GetString(plain.ToArray()), Is.EqualTo(expected).And.Contain(outTradeNo));
        Assert.That(result.Length, Is.EqualTo(plain.Length));
        Assert.That(Encoding.UTF8.GetString(unpacked.ToArray()), Is.EqualTo(expected));
        Assert.That(gzip.Length, Is.EqualTo(unpacked.Length));
    }

    [Test]
    public async Task DownloadV2_throws_the_failure_WeChat_Pay_answers_in_place_of_a_bill_and_writes_nothing([Values] bool sync)
    {
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        using var destination = new MemoryStream();

        var e = sync ? Assert.Throws<ApiV2Exception>(() => Client.DownloadV2("v2/pay/downloadbill", Bill(yesterday), destination))!
            : (await Assert.ThrowsAsync<ApiV2Exception>(() => Client.DownloadV2Async("v2/pay/downloadbill", Bill(yesterday), destination)))!;

        Assert.That((e.ReturnCode, e.ReturnMessage), Is.EqualTo(("FAIL", "No Bill Exist")));
        Assert.That(destination.Length, Is.Zero);
        Assert.That(e.Call!.Response!.Xml["return_msg"], Is.EqualTo("No Bill Exist"));
    }

    [Test]
    public void DownloadV2_refuses_an_APIv3_path_before_sending()
        => Assert.That(() => Client.DownloadV2("v3/bill/tradebill", Bill(Today), Stream.Null), Throws.TypeOf<RequestOptionsException>().With.Message.Contains("APIv2 path"));

    [Test]
    public async Task A_day_without_APIv2_payments_has_no_bill()
    {
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var e = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(yesterday)));

        Assert.That((e.ReturnCode, e.ReturnMessage), Is.EqualTo(("FAIL", "No Bill Exist")));
    }

    [Test]
    public async Task A_day_with_payments_only_has_no_refund_bill()
    {
        await Client.SendAsync(HttpMethod.Post, "v2/pay/micropay", Micropay(NewOutTradeNo()));

        Assert.That((await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today, "REFUND")))).ReturnMessage, Is.EqualTo("No Bill Exist"));
    }

    [TestCase("2024-06-01", "bill_date must be a day written yyyyMMdd")]
    [TestCase("20200101", "bill_date must be a day from three months ago to today")]
    [TestCase("29991231", "bill_date must be a day from three months ago to today")]
    public async Task A_bill_date_outside_what_is_served_is_refused(string date, string message)
        => Assert.That((await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(date)))).ReturnMessage, Does.Contain(message));

    [Test]
    public async Task An_unknown_bill_type_or_tar_type_is_refused()
    {
        var type = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today, "EVERYTHING")));
        var tar = await FailsAsync(() => Client.SendAsync(HttpMethod.Post, "v2/pay/downloadbill", Bill(Today, tarType: "ZIP")));

        Assert.That(type.ReturnMessage, Does.Contain("invalid bill_type"));
        Assert.That(tar.ReturnMessage, Does.Contain("invalid tar_type"));
    }

    [Test]
    public async Task A_bill_request_with_a_bad_sign_is_refused_too()
    {
        var fields = Wire.Fields(("bill_date", Today));
        fields.Add(new("sign", new string('0', 32)));

        Assert.That((await Wire.PostUnsignedAsync("/pay/downloadbill", fields)).Field("err_code"), Is.EqualTo("SIGNERROR"));
    }
}
