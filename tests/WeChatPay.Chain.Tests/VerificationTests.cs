using System.Net;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class VerificationTests
{
    private const string Body = "{\"order_id\":\"1000000000201712050000\",\"state\":\"CREATED\"}";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    private FixedClock _clock = null!;
    private StubHandler _stub = null!;
    private WeChatPayClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FixedClock(Now);
        _stub = new StubHandler();
        _client = new WeChatPayClient(Fixtures.Options(_stub, _clock));
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _stub.Dispose();
    }

    private async Task<ResponseVerificationException> Rejects(Func<HttpResponseMessage> respond, string path = "v3/x")
    {
        _stub.Respond = _ => respond();
        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => _client.SendAsync(HttpMethod.Get, path)));
        Assert.That(e!.Response, Is.Not.Null, "the failing response is kept");
        _stub.Respond = _ => respond();
        var sync = Assert.Throws<ResponseVerificationException>(() => _client.Send(HttpMethod.Get, path), "sync form too");
        Assert.That(sync!.Response, Is.Not.Null, "the failing response is kept by the sync form too");
        Assert.That(sync.Reason, Is.EqualTo(e.Reason), "both forms fail for the same reason");
        return e;
    }

    [Test]
    public void The_openssl_signed_response_is_accepted_at_its_own_time()
    {
        _stub.Respond = _ =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Body) };
            r.Headers.Add(WeChatPayHeaders.Timestamp, "1700000000");
            r.Headers.Add(WeChatPayHeaders.Nonce, "C5AC5C72D5A1E46B37C5E5E2D2E3F4A5");
            r.Headers.Add(WeChatPayHeaders.Signature, Fixtures.Text("response_signature.txt").Trim());
            r.Headers.Add(WeChatPayHeaders.Serial, Fixtures.PlatformSerial);
            return r;
        };
        Assert.That(_client.Send(HttpMethod.Get, "v3/x").Text, Is.EqualTo(Body));
    }

    [TestCase(Fixtures.PlatformSerial)]
    [TestCase(Fixtures.PublicKeyId)]
    public async Task Signed_200_verifies_under_certificate_serial_and_public_key_id(string serial)
    {
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, Body, serial, _clock.Seconds);
        var r = await _client.SendAsync(HttpMethod.Get, "v3/x");
        Assert.That((string?)r.Json["state"], Is.EqualTo("CREATED"));
    }

    [Test]
    public void Signed_204_with_empty_body_verifies()
    {
        _stub.Respond = _ => StubHandler.Signed(HttpStatusCode.NoContent, "", timestamp: _clock.Seconds);
        var r = _client.Send(HttpMethod.Post, "v3/x", new { json = new { a = 1 } });
        Assert.That(r.Status, Is.EqualTo(204));
        Assert.That(r.Body, Is.Empty);
    }

    [TestCase(WeChatPayHeaders.Timestamp)]
    [TestCase(WeChatPayHeaders.Nonce)]
    [TestCase(WeChatPayHeaders.Signature)]
    [TestCase(WeChatPayHeaders.Serial)]
    public async Task A_missing_header_is_rejected(string header)
    {
        var e = await Rejects(() =>
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
            r.Headers.Remove(header);
            return r;
        });
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(e.Message, Does.Contain(header));
    }

    [Test]
    public async Task A_repeated_header_is_rejected()
    {
        var e = await Rejects(() =>
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
            r.Headers.TryAddWithoutValidation(WeChatPayHeaders.Serial, Fixtures.PublicKeyId);
            return r;
        });
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(e.Message, Does.Contain("more than once"));
    }

    [TestCase(-301, false)]
    [TestCase(301, false)]
    [TestCase(-300, true)]
    [TestCase(300, true)]
    [TestCase(299, true)]
    public async Task The_timestamp_window_is_300_seconds_either_way(int offset, bool accepted)
    {
        Func<HttpResponseMessage> respond = () => StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds + offset);
        if (accepted)
        {
            _stub.Respond = _ => respond();
            Assert.That(_client.Send(HttpMethod.Get, "v3/x").Status, Is.EqualTo(200));
        }
        else
        {
            Assert.That((await Rejects(respond)).Reason, Is.EqualTo(VerificationFailure.TimestampOutOfWindow));
        }
    }

    [TestCase("abc")]
    [TestCase("-5")]
    [TestCase("1700000000.5")]
    [TestCase("99999999999999999999999")]
    public async Task A_timestamp_that_is_not_seconds_is_rejected(string timestamp)
    {
        var e = await Rejects(() =>
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
            r.Headers.Remove(WeChatPayHeaders.Timestamp);
            r.Headers.TryAddWithoutValidation(WeChatPayHeaders.Timestamp, timestamp);
            return r;
        });
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MalformedTimestamp));
    }

    [Test]
    public async Task An_unknown_serial_is_rejected_and_named()
    {
        var e = await Rejects(() => StubHandler.Signed(HttpStatusCode.OK, Body, "5157F09EFDC096DE15EBE81A47057A7232F1B8E1", _clock.Seconds));
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.UnknownSerial));
        Assert.That(e.Message, Does.Contain("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"));
    }

    private Func<HttpResponseMessage> WithSignature(string signature) => () =>
    {
        var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
        r.Headers.Remove(WeChatPayHeaders.Signature);
        r.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, signature);
        return r;
    };

    [Test]
    public async Task An_empty_signature_is_rejected_as_a_missing_header()
    {
        var e = await Rejects(WithSignature(""));
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(e.Message, Does.Contain("The Wechatpay-Signature header is missing"));
    }

    [TestCase("not base64!!")]
    [TestCase("AAAA")]
    [TestCase("QUJD")]
    public async Task Malformed_or_short_signatures_are_rejected_as_bad_signatures(string signature)
    {
        var e = await Rejects(WithSignature(signature));
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Message, Does.Contain($"Wechatpay-Signature does not match the body for key {Fixtures.PlatformSerial}"));
    }

    [Test]
    public async Task A_truncated_signature_is_rejected_as_a_bad_signature()
    {
        var whole = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds).Headers.GetValues(WeChatPayHeaders.Signature).Single();
        Assert.That((await Rejects(WithSignature(whole[..^4]))).Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public async Task A_signature_for_another_body_is_rejected()
    {
        var e = await Rejects(() =>
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
            r.Content = new StringContent(Body.Replace("CREATED", "FINISHED"));
            return r;
        });
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
        Assert.That(e.Response!.Text, Does.Contain("FINISHED"));
    }

    [Test]
    public async Task A_probe_signature_fails_cleanly()
    {
        var e = await Rejects(() =>
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, Body, timestamp: _clock.Seconds);
            r.Headers.Remove(WeChatPayHeaders.Signature);
            r.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, "WECHATPAY/SIGNTEST/" + Convert.ToBase64String(new byte[256]));
            return r;
        });
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.ProbeSignature));
    }

    [TestCase("v3/billdownload/file")]
    [TestCase("v3/merchant-service/images/ChsyMDAwMDAwMjAyMTA4MjUyMDAwMDAwMDAwMDAwMDAw")]
    [TestCase("v3/transferdownload/signfile")]
    [TestCase("v3/new-tax-control-fapiao/download")]
    public void Unsigned_downloads_are_accepted_without_signature_headers(string path)
    {
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "交易时间,公众账号ID\n", "text/plain");
        Assert.That(_client.Send(HttpMethod.Get, path, new { query = new { token = "x" } }).Text, Does.StartWith("交易时间"));
    }

    [TestCase("v3/merchant-service/images/upload")]
    [TestCase("v3/billdownload/file/extra")]
    [TestCase("v3/bill/tradebill")]
    public void Lookalike_paths_are_still_verified(string path)
    {
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "{}");
        Assert.Throws<ResponseVerificationException>(() => _client.Send(HttpMethod.Post, path));
    }

    [Test]
    public async Task Statements_are_verified_over_the_sha1_digest_document()
    {
        var file = Encoding.UTF8.GetBytes("statement,content\n1,2\n");
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(file));
        HttpResponseMessage Statement(byte[] content, string digest)
        {
            var r = StubHandler.Signed(HttpStatusCode.OK, $"{{\"sha1\":\"{digest}\"}}", timestamp: _clock.Seconds);
            r.Content = new ByteArrayContent(content);
            r.Headers.Add(WeChatPayHeaders.StatementSha1, digest);
            return r;
        }
        _stub.Respond = _ => Statement(file, sha1);
        Assert.That(_client.Send(HttpMethod.Get, "v3/statements", new { query = new { date = "2026-11-20" } }).Body, Is.EqualTo(file));
        Assert.That(_client.Send(HttpMethod.Get, "v3/global/statements", new { query = new { date = "2026-11-20" } }).Body, Is.EqualTo(file));
        Assert.That((await Rejects(() => Statement([.. file, (byte)'x'], sha1), "v3/global/statements")).Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
        Assert.That((await Rejects(() => Statement([.. file, (byte)'x'], sha1), "v3/statements")).Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
        Assert.That((await Rejects(() => { var r = Statement(file, sha1); r.Headers.Remove(WeChatPayHeaders.StatementSha1); return r; }, "v3/global/statements")).Reason, Is.EqualTo(VerificationFailure.MissingDigest));
    }

    [Test]
    public void Non_2xx_responses_are_not_verified_but_reported()
    {
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.BadRequest, "{\"code\":\"PARAM_ERROR\",\"message\":\"bad\"}");
        Assert.Throws<ApiException>(() => _client.Send(HttpMethod.Get, "v3/x"));
    }
}
