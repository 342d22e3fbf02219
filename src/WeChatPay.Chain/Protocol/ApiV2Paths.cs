namespace WeChatPay.Chain.Protocol;

/// <summary>
/// Which paths are APIv2's and which of its answers come unsigned. As with <see cref="ResponseSignatureRules"/>, the list
/// is fixed: no option can add to it, so no option can turn verification off.
/// </summary>
internal static class ApiV2Paths
{
    /// <summary>The prefix that sends a path to APIv2; it is removed from the URL (<c>v2/pay/micropay</c> → <c>/pay/micropay</c>).</summary>
    public const string Prefix = "v2/";

    /// <summary>The fields that name the merchant in a request, one of which must be the configured merchant id when present.</summary>
    public static readonly string[] MerchantIdFields = ["mch_id", "mchid", "combine_mch_id"];

    // The endpoints WeChat Pay answers without a sign field (the list wechatpay-php keeps): red packets, transfers to
    // balance and bank, risk queries, entrust pages, reports, bill files and the sandbox key.
    private static readonly HashSet<string> Unsigned = new(StringComparer.Ordinal)
    {
        "mchrisk/querymchrisk", "mchrisk/setmchriskcallback", "mchrisk/syncmchriskresult",
        "mmpaymkttransfers/gethbinfo", "mmpaymkttransfers/gettransferinfo", "mmpaymkttransfers/pay_bank",
        "mmpaymkttransfers/promotion/paywwsptrans2pocket", "mmpaymkttransfers/promotion/querywwsptrans2pocket",
        "mmpaymkttransfers/promotion/transfers", "mmpaymkttransfers/query_bank", "mmpaymkttransfers/sendgroupredpack",
        "mmpaymkttransfers/sendminiprogramhb", "mmpaymkttransfers/sendredpack",
        "papay/entrustweb", "papay/h5entrustweb", "papay/partner/entrustweb", "papay/partner/h5entrustweb",
        "pay/downloadbill", "pay/downloadfundflow", "payitil/report", "risk/getpublickey", "risk/getviolation",
        "sandboxnew/pay/downloadbill", "sandboxnew/pay/getsignkey", "secapi/mch/submchmanage", "xdc/apiv2getsignkey/sign/getsignkey",
    };

    // The endpoints whose successful answer is a file (text or gzip), not an XML message.
    private static readonly HashSet<string> Files = new(StringComparer.Ordinal) { "pay/downloadbill", "pay/downloadfundflow", "sandboxnew/pay/downloadbill" };

    /// <summary>Whether <paramref name="template"/> (a path as the chain gives it) is an APIv2 path.</summary>
    public static bool IsApiV2(string template) => template.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether WeChat Pay signs the answer of the APIv2 path <paramref name="path"/> (without the prefix).</summary>
    public static bool IsSigned(string path) => !Unsigned.Contains(path.TrimStart('/'));

    /// <summary>Whether a successful answer of <paramref name="path"/> is a file rather than an XML message.</summary>
    public static bool AnswersWithFile(string path) => Files.Contains(path.TrimStart('/'));
}
