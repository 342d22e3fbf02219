namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// Which APIv2 answers come unsigned: exactly the endpoints WeChat Pay answers without a sign field (the list
/// wechatpay-php keeps), each written out here so that an endpoint dropped from or added to the library's list is noticed.
/// Every other answer's sign is checked.
/// </summary>
public class ApiV2PathsTests
{
    private static readonly string[] Unsigned =
    [
        "mchrisk/querymchrisk", "mchrisk/setmchriskcallback", "mchrisk/syncmchriskresult",
        "mmpaymkttransfers/gethbinfo", "mmpaymkttransfers/gettransferinfo", "mmpaymkttransfers/pay_bank",
        "mmpaymkttransfers/promotion/paywwsptrans2pocket", "mmpaymkttransfers/promotion/querywwsptrans2pocket",
        "mmpaymkttransfers/promotion/transfers", "mmpaymkttransfers/query_bank", "mmpaymkttransfers/sendgroupredpack",
        "mmpaymkttransfers/sendminiprogramhb", "mmpaymkttransfers/sendredpack",
        "papay/entrustweb", "papay/h5entrustweb", "papay/partner/entrustweb", "papay/partner/h5entrustweb",
        "pay/downloadbill", "pay/downloadfundflow", "payitil/report", "risk/getpublickey", "risk/getviolation",
        "sandboxnew/pay/downloadbill", "sandboxnew/pay/getsignkey", "secapi/mch/submchmanage", "xdc/apiv2getsignkey/sign/getsignkey",
    ];

    [TestCaseSource(nameof(Unsigned))]
    public void The_answer_of_this_endpoint_comes_unsigned(string path)
    {
        Assert.That(ApiV2Paths.IsSigned(path), Is.False);
        Assert.That(ApiV2Paths.IsSigned("/" + path), Is.False, "with the leading slash a URL path has");
    }

    [TestCase("pay/micropay")]
    [TestCase("pay/orderquery")]
    [TestCase("secapi/pay/refund")]
    [TestCase("pay/refundquery")]
    [TestCase("mmpaymkttransfers/sendredpack/")]
    [TestCase("PAY/DOWNLOADBILL")]
    [TestCase("")]
    public void Any_other_answer_is_signed(string path) => Assert.That(ApiV2Paths.IsSigned(path), Is.True);

    [TestCase("pay/downloadbill", true)]
    [TestCase("/pay/downloadfundflow", true)]
    [TestCase("sandboxnew/pay/downloadbill", true)]
    [TestCase("pay/orderquery", false)]
    [TestCase("mmpaymkttransfers/sendredpack", false)]
    public void Only_the_bill_downloads_answer_with_a_file(string path, bool file) => Assert.That(ApiV2Paths.AnswersWithFile(path), Is.EqualTo(file));
}
