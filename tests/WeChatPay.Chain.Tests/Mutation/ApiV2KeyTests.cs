namespace WeChatPay.Chain.Tests.Mutation;

/// <summary>
/// The APIv2 key: 32 printable ASCII characters (space and DEL excluded), never shown; signatures checked by their
/// length's algorithm in any case; <c>req_info</c> refused unless it is whole AES blocks that decrypt.
/// </summary>
public class ApiV2KeyTests
{
    private const string Key = "0123456789abcdefghijklmnopqrstuv";

    [TestCase("!123456789abcdefghijklmnopqrstu~", TestName = "The lowest and highest printable characters are taken")]
    public void Printable_ascii_keys_are_taken(string key)
        => Assert.That(new ApiV2Key(key).ToString(), Is.EqualTo("ApiV2Key(hidden)"));

    [TestCase(" 123456789abcdefghijklmnopqrstuv", TestName = "A space is refused")]
    [TestCase("\u007f123456789abcdefghijklmnopqrstuv", TestName = "DEL is refused")]
    [TestCase("é123456789abcdefghijklmnopqrstuv", TestName = "A non-ASCII letter is refused")]
    public void Keys_with_unprintable_characters_are_refused_without_showing_them(string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => _ = new ApiV2Key(key))!;
        Assert.That(e.Message, Is.EqualTo("ApiV2Key must be the 32-character APIv2 key from the merchant platform (Account Center → API security); the value given has 32 characters, some of them not printable ASCII."));
    }

    [Test]
    public void A_key_of_another_length_is_refused_by_its_length_alone()
    {
        var e = Assert.Throws<ConfigurationException>(() => _ = new ApiV2Key(Key[..31]))!;
        Assert.That(e.Message, Does.EndWith("the value given has 31 characters."));
        Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new ApiV2Key(null!))!.ParamName, Is.EqualTo("key"));
    }

    [Test]
    public void Signatures_are_upper_hex_and_verify_in_either_case()
    {
        var key = new ApiV2Key(Key);
        var md5 = key.Sign("a=1&b=2"u8, ApiV2SignType.Md5);
        var hmac = key.Sign("a=1&b=2"u8, ApiV2SignType.HmacSha256);
        Assert.Multiple(() =>
        {
            Assert.That(md5, Has.Length.EqualTo(32).And.Match("^[0-9A-F]+$"));
            Assert.That(hmac, Has.Length.EqualTo(64).And.Match("^[0-9A-F]+$"));
            Assert.That(key.Verifies("a=1&b=2"u8, md5), Is.True);
            Assert.That(key.Verifies("a=1&b=2"u8, hmac.ToLowerInvariant()), Is.True);
            Assert.That(key.Verifies("a=1&b=3"u8, md5), Is.False);
            Assert.That(key.Verifies("a=1&b=2"u8, null), Is.False);
            Assert.That(key.Verifies("a=1&b=2"u8, md5[..31]), Is.False);
            Assert.That(key.Verifies("a=1&b=2"u8, hmac + "0"), Is.False);
            Assert.That(key.Verifies("a=1&b=2"u8, md5 + "0"), Is.False);
            Assert.That(key.Verifies("a=1&b=2"u8, md5[..31] + (md5[31] == '0' ? '1' : '0')), Is.False, "the last digit differs");
            Assert.That(key.Verifies("a=1&b=2"u8, (md5[0] == '0' ? '1' : '0') + md5[1..]), Is.False, "the first digit differs");
            Assert.That(key.Verifies("a=1&b=2"u8, string.Concat(hmac.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c))), Is.True, "mixed case");
        });
    }

    [Test]
    public void Md5_signs_the_fields_with_the_key_appended()
    {
        var expected = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes("a=1&b=张&key=" + Key)));
        Assert.That(new ApiV2Key(Key).Sign("a=1&b=张"u8, ApiV2SignType.Md5), Is.EqualTo(expected));
    }

    [TestCase("", "req_info holds 0 bytes, not whole 16-byte AES blocks: it was cut or altered.")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAA=", "req_info holds 17 bytes, not whole 16-byte AES blocks: it was cut or altered.")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAA==", "req_info does not decrypt under this APIv2 key: it is another merchant's, or it was altered.")]
    [TestCase("not base64!", "req_info is not Base64; pass the field exactly as the refund notification carries it.")]
    public void Req_info_that_is_not_whole_blocks_or_does_not_decrypt_is_refused(string reqInfo, string message)
        => Assert.That(Assert.Throws<DecryptionException>(() => new ApiV2Key(Key).DecryptRefundInfo(reqInfo))!.Message, Is.EqualTo(message));

    [Test]
    public void Req_info_that_decrypts_to_bytes_that_are_not_utf8_is_refused_without_quoting_them()
    {
        // AES-256-ECB with PKCS#7 under the lower-case hex MD5 of the key, as WeChat Pay encrypts req_info, over bytes
        // that no UTF-8 text holds (a lone continuation byte and 0xFF).
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.ASCII.GetBytes(Key))).ToLowerInvariant());
        var reqInfo = Convert.ToBase64String(aes.EncryptEcb(new byte[] { 0x3C, 0x78, 0x80, 0xFF, 0x3E }, System.Security.Cryptography.PaddingMode.PKCS7));

        var refused = Assert.Throws<DecryptionException>(() => new ApiV2Key(Key).DecryptRefundInfo(reqInfo))!;

        Assert.That(refused.Message, Is.EqualTo("req_info decrypted under this APIv2 key, but its content is not UTF-8 text; it was not a WeChat Pay refund notification's."));
        Assert.That(refused.InnerException, Is.Null, "the decoder's message quotes the decrypted bytes");
    }

    [TestCase('G')]
    [TestCase('g')]
    [TestCase('/')]
    [TestCase(':')]
    [TestCase('@')]
    [TestCase('`')]
    [TestCase(' ')]
    public void A_signature_with_a_character_that_is_not_hex_is_refused(char notHex)
    {
        var key = new ApiV2Key(Key);
        var md5 = key.Sign("a=1"u8, ApiV2SignType.Md5);
        // Whatever the digit it replaces, a character outside 0-9, A-F, a-f never matches.
        for (var at = 0; at < 32; at += 7)
            Assert.That(key.Verifies("a=1"u8, md5[..at] + notHex + md5[(at + 1)..]), Is.False, $"at {at}");
    }

    [Test]
    public void Hmac_sha256_is_keyed_by_the_key_and_covers_the_key_appended()
    {
        var expected = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Key), System.Text.Encoding.UTF8.GetBytes("a=1&b=张&key=" + Key)));
        Assert.That(new ApiV2Key(Key).Sign("a=1&b=张"u8, ApiV2SignType.HmacSha256), Is.EqualTo(expected));
    }
}
