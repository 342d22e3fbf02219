using System.Net;
using System.Text;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class SigningTests
{
    [Test]
    public void Request_signature_matches_openssl_for_a_fixed_key_timestamp_and_nonce()
    {
        var body = Encoding.UTF8.GetBytes("{\"appid\":\"wxd678efh567hg6787\",\"out_order_no\":\"1234323JKHDFE1243252\",\"service_id\":\"500001\"}");
        var message = SignatureMessage.ForRequest("POST", "/v3/payscore/smartretail-orders?a=%27%20%2B%25%26%E4%B8%AD", "1700000000", "593BEC0C930BF1AFEB40B4A08C8FB242", body);
        Assert.That(message, Is.EqualTo(Fixtures.Bytes("request_message.txt")), "the signing string, byte for byte");
        Assert.That(Rsa.Sign(Fixtures.MerchantKey.Value, message), Is.EqualTo(Fixtures.Text("request_signature.txt").Trim()));
    }

    [Test]
    public void Response_signature_made_by_openssl_verifies()
    {
        var message = Fixtures.Bytes("response_message.txt");
        var signature = Fixtures.Text("response_signature.txt").Trim();
        var platform = Rsa.LoadPublicKey(Fixtures.Text("platform_cert.pem"));
        Assert.That(Rsa.Verify(platform, message, signature), Is.True);
        message[^2] ^= 1;
        Assert.That(Rsa.Verify(platform, message, signature), Is.False);
    }

    [Test]
    public void The_authorization_header_carries_the_five_parameters()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var header = new RequestSigner(Fixtures.MchId, Fixtures.MerchantSerial, Fixtures.MerchantKey.Value, clock).Sign("GET", "/v3/certificates", []);
        Assert.That(header.ToString(), Does.Match($"^WECHATPAY2-SHA256-RSA2048 mchid=\"{Fixtures.MchId}\",nonce_str=\"[0-9A-Za-z]{{32}}\",timestamp=\"1700000000\",serial_no=\"{Fixtures.MerchantSerial}\",signature=\"[A-Za-z0-9+/=]{{344}}\"$"));
        var message = SignatureMessage.ForRequest("GET", "/v3/certificates", "1700000000", header.Nonce, []);
        Assert.That(Encoding.UTF8.GetString(message), Is.EqualTo($"GET\n/v3/certificates\n1700000000\n{header.Nonce}\n\n"));
        Assert.That(Fixtures.MerchantKey.Value.VerifyData(message, Convert.FromBase64String(header.Signature), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1), Is.True);
    }

    [Test]
    public void Each_signature_carries_the_second_it_was_made_in([Values] bool wire)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var signer = new RequestSigner(Fixtures.MchId, Fixtures.MerchantSerial, Fixtures.MerchantKey.Value, clock);
        string Timestamp() => wire ? signer.SignForWire("GET", "/v3/x", []).Timestamp : signer.Sign("GET", "/v3/x", []).Timestamp;

        var first = Timestamp();
        var sameSecond = Timestamp();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var stillSame = Timestamp();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var next = Timestamp();
        clock.Advance(TimeSpan.FromSeconds(-5));
        var back = Timestamp();

        Assert.That(new[] { first, sameSecond, stillSame, next, back }, Is.EqualTo(new[] { "1700000000", "1700000000", "1700000000", "1700000001", "1699999996" }));
    }

    [Test]
    public void The_header_sent_on_the_wire_is_the_one_the_public_signer_would_write()
    {
        // The wire path writes the signature's Base64 straight into the header; the openssl-checked signer above and
        // AuthorizationHeader's own format are the reference it must agree with, for RSA and for SM2.
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var body = "{\"amount\":1,\"描述\":\"订单\"}";
        var signer = new RequestSigner(Fixtures.MchId, Fixtures.MerchantSerial, Fixtures.MerchantKey.Value, clock);
        var sent = signer.SignForWire("POST", "/v3/pay/transactions/native?x=%E4%B8%AD", body);

        Assert.That(AuthorizationHeader.TryParse(sent.Authorization, out var header, out _), Is.True, sent.Authorization);
        Assert.That((header!.Timestamp, header.Nonce), Is.EqualTo((sent.Timestamp, sent.Nonce)));
        var message = SignatureMessage.ForRequest("POST", "/v3/pay/transactions/native?x=%E4%B8%AD", "1700000000", sent.Nonce, Encoding.UTF8.GetBytes(body));
        Assert.That(header.Signature, Is.EqualTo(Rsa.Sign(Fixtures.MerchantKey.Value, message)), "RSA PKCS#1 v1.5 is deterministic: the same signature as the reference");
        Assert.That(sent.Authorization, Is.EqualTo(header.ToString()));
        Assert.That(signer.SignForWire("POST", "/v3/x", Encoding.UTF8.GetBytes(body)).Authorization, Does.StartWith("WECHATPAY2-SHA256-RSA2048 mchid="));

        var sm2 = Sm2.LoadPrivateKey(Fixtures.Text("sm2_key.pem"));
        var sm2Sent = new RequestSigner(Fixtures.MchId, Fixtures.MerchantSerial, new Sm2Signer(sm2), clock).SignForWire("POST", "/v3/x", body);
        Assert.That(AuthorizationHeader.TryParse(sm2Sent.Authorization, out var sm2Header, out _), Is.True);
        Assert.That(sm2Header!.SignatureScheme, Is.EqualTo(SignatureScheme.Sm2WithSm3));
        var sm2Message = SignatureMessage.ForRequest("POST", "/v3/x", "1700000000", sm2Sent.Nonce, Encoding.UTF8.GetBytes(body));
        Assert.That(Sm2.Verify(Sm2.LoadPublicKey(Fixtures.Text("sm2_pub.pem")), sm2Message, sm2Header.Signature), Is.True);
    }

    [Test]
    public void A_header_with_empty_or_missing_parameters_still_formats()
        => Assert.That(new AuthorizationHeader("1", "", "2", null!, "c2ln").ToString(), Is.EqualTo("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",nonce_str=\"\",timestamp=\"2\",serial_no=\"\",signature=\"c2ln\""));

    [Test]
    public void Authorization_parses_in_any_parameter_order_and_refuses_junk()
    {
        Assert.That(AuthorizationHeader.TryParse("WECHATPAY2-SHA256-RSA2048 signature=\"c2ln\", serial_no=\"AB\",timestamp=\"1\" ,nonce_str=\"n\",mchid=\"1\"", out var h, out _), Is.True);
        Assert.That(h, Is.EqualTo(new AuthorizationHeader("1", "n", "1", "AB", "c2ln")));
        Assert.That(AuthorizationHeader.TryParse("WECHATPAY2-SHA256-RSA2048 mchid=\"1\",mchid=\"2\",nonce_str=\"n\",timestamp=\"1\",serial_no=\"s\",signature=\"x\"", out _, out var e1), Is.False);
        Assert.That(e1, Does.Contain("repeats"));
        Assert.That(AuthorizationHeader.TryParse("Bearer x", out _, out _), Is.False);
        Assert.That(AuthorizationHeader.TryParse("WECHATPAY2-SHA256-RSA2048 mchid=\"1\"", out _, out var e2), Is.False);
        Assert.That(e2, Does.Contain("lacks"));
    }

    [Test]
    public void Nonces_are_32_alphanumerics_with_no_modulo_bias()
    {
        var counts = new int[128];
        const int nonces = 8000;
        for (var i = 0; i < nonces; i++)
        {
            var nonce = Nonce.Create();
            Assert.That(nonce, Has.Length.EqualTo(32));
            foreach (var c in nonce) counts[c]++;
        }
        var used = Nonce.Alphabet.Select(c => counts[c]).ToArray();
        Assert.That(counts.Sum(), Is.EqualTo(used.Sum()), "only alphabet characters");
        // 256 000 draws over 62 symbols: ~4129 each, σ≈64. Reducing a byte modulo 62 would give the first
        // eight symbols 25% more (≈5000); a uniform source stays well within ±10%.
        Assert.That(used.Max() / (double)used.Min(), Is.LessThan(1.12));
    }
}
