using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Tests.ApiV2;

/// <summary>
/// APIv2's sign, against answers computed outside the library. WeChat Pay's own example (its signing guide) with
/// <c>hashlib.md5</c> and <c>hmac.new(key, text, hashlib.sha256)</c> in Python give the two constants below; the refund
/// ciphertext was made with Python <c>cryptography</c>'s AES-256-ECB under the lower-case hex MD5 of the key.
/// </summary>
public class ApiV2SignatureTests
{
    private const string Key = "192006250b4c09247ec02edce69f6a2d";

    private static readonly KeyValuePair<string, string>[] Example =
    [
        new("appid", "wxd930ea5d5a258f4f"), new("mch_id", "10000100"), new("device_info", "1000"), new("body", "test"), new("nonce_str", "ibuaiVcKdpRxkhJA"),
    ];

    [Test]
    public void The_MD5_sign_of_WeChat_Pays_example_is_its_published_value()
        => Assert.That(ApiV2Signature.Sign(Example, Key), Is.EqualTo("9A0A8659F005D6984697E2CA0A9CF3B7"));

    [Test]
    public void The_HMAC_SHA256_sign_of_WeChat_Pays_example_is_its_published_value()
        => Assert.That(ApiV2Signature.Sign(Example, Key, ApiV2SignType.HmacSha256), Is.EqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6"));

    [Test]
    public void Empty_values_and_the_sign_field_are_left_out_and_names_sort_by_byte()
    {
        var withExtras = Example.Concat([new("sign", "ANYTHING"), new("attach", ""), new KeyValuePair<string, string>("Zeta", "1")]).ToArray();

        // "Zeta" sorts before every lower-case name in byte order; the empty attach and the sign field are not signed.
        const string Signed = "Zeta=1&appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA";
        Assert.That(ApiV2Signature.Sign(withExtras, Key), Is.EqualTo(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(Signed + "&key=" + Key)))));
        Assert.That(ApiV2Signature.Sign(withExtras.Where(f => f.Key != "Zeta"), Key), Is.EqualTo("9A0A8659F005D6984697E2CA0A9CF3B7"));
    }

    [TestCase("9A0A8659F005D6984697E2CA0A9CF3B7", true)]
    [TestCase("9a0a8659f005d6984697e2ca0a9cf3b7", true)]
    [TestCase("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6", true)]
    [TestCase("9A0A8659F005D6984697E2CA0A9CF3B8", false)]
    [TestCase("9A0A8659F005D6984697E2CA0A9CF3B", false)]
    [TestCase("", false)]
    [TestCase("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD7", false)]
    public void A_sign_is_checked_by_its_length_and_value(string sign, bool valid)
    {
        var fields = Example.Append(new("sign", sign)).ToDictionary(f => f.Key, f => f.Value);

        Assert.That(ApiV2Signature.IsValid(fields, Key), Is.EqualTo(valid));
    }

    [Test]
    public void Fields_without_a_sign_are_not_valid()
        => Assert.That(ApiV2Signature.IsValid(Example.ToDictionary(f => f.Key, f => f.Value), Key), Is.False);

    [Test]
    public void A_key_that_is_not_32_printable_characters_is_refused_without_showing_it()
    {
        var e = Assert.Throws<ConfigurationException>(() => ApiV2Signature.Sign(Example, "secret-but-short"))!;

        Assert.That(e.Message, Does.Contain("32-character").And.Not.Contain("secret-but-short"));
        Assert.That(new ApiV2Key(Key).ToString(), Does.Not.Contain(Key));
    }

    [Test]
    public void A_refund_notifications_req_info_made_by_python_decrypts()
    {
        const string reqInfo = "WBzGpzQuNpcFxIlFjUUD9BfnwwNUlVAs7bwvgHME4/T16HykmsG8sOe9lkNSqTrKEzEQIOaZs9EYO4DOrifmCRYlj0HSKB+gKdjJchMaqd95xSi6GXW4jpxoab571C/sOcKr/e7RWL1s5iSUuEU8Ajva8s0nD5i6JX5XAq0BxxznFVOsJjAs2NFxM6yIiF5v/8ebKZaqsn7Md90N01sy1w==";

        Assert.That(new ApiV2Key(Key).DecryptRefundInfo(reqInfo),
            Is.EqualTo("<root><out_refund_no><![CDATA[R20261207001]]></out_refund_no><refund_status><![CDATA[SUCCESS]]></refund_status><refund_fee><![CDATA[1]]></refund_fee></root>"));
    }

    [TestCase("not base64!", "not Base64")]
    [TestCase("AAAA", "whole 16-byte")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAA==", "does not decrypt")]
    public void A_req_info_that_is_not_this_keys_is_a_decryption_error(string reqInfo, string expected)
        => Assert.That(Assert.Throws<DecryptionException>(() => new ApiV2Key(Key).DecryptRefundInfo(reqInfo))!.Message, Does.Contain(expected));
}
