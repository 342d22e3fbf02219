using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>
/// 2xx bodies that are empty, not JSON, cut short, nested without end, not UTF-8 or too big: verified over their bytes
/// first, then reported as <see cref="ResponseFormatException"/> when read as JSON — never a parser's own exception.
/// </summary>
public class ResponseBodyShapeTests
{
    private static WeChatPayResponse Answered(Func<HttpResponseMessage> respond, string path = "v3/x", int? maxBodyBytes = null)
    {
        using var stub = new StubHandler { Respond = _ => respond() };
        var options = Fixtures.Options(stub);
        if (maxBodyBytes is { } max) options.MaxResponseBodyBytes = max;
        using var client = new WeChatPayClient(options);
        return client.Send(HttpMethod.Get, path);
    }

    private static HttpResponseMessage SignedBytes(byte[] body)
    {
        var response = StubHandler.Signed(HttpStatusCode.OK, "");
        var timestamp = response.Headers.GetValues(WeChatPayHeaders.Timestamp).Single();
        var nonce = response.Headers.GetValues(WeChatPayHeaders.Nonce).Single();
        response.Headers.Remove(WeChatPayHeaders.Signature);
        response.Headers.TryAddWithoutValidation(WeChatPayHeaders.Signature, Rsa.Sign(Fixtures.PlatformKey.Value, SignatureMessage.ForResponse(timestamp, nonce, body)));
        response.Content = new ByteArrayContent(body);
        return response;
    }

    [Test]
    public void A_signed_empty_200_is_accepted_and_reads_as_json_null()
    {
        var response = Answered(() => StubHandler.Signed(HttpStatusCode.OK, ""));

        Assert.That(response.Body, Is.Empty);
        Assert.That(response.Json.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public void An_unsigned_empty_200_is_rejected()
    {
        var e = Assert.Throws<ResponseVerificationException>(() => Answered(() => new HttpResponseMessage(HttpStatusCode.OK)))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
    }

    [Test]
    public void A_signed_body_cut_short_verifies_but_is_not_json()
    {
        var response = Answered(() => SignedBytes("{\"order_id\":\"10000"u8.ToArray()));

        var e = Assert.Throws<ResponseFormatException>(() => _ = response.Json)!;
        Assert.That(e.Message, Does.Contain("is not JSON").And.Contain("GET /v3/x"));
    }

    [Test]
    public void A_body_cut_short_under_the_signature_of_the_whole_is_rejected()
    {
        var e = Assert.Throws<ResponseVerificationException>(() => Answered(() =>
        {
            var response = StubHandler.Signed(HttpStatusCode.OK, "{\"order_id\":\"1000000000201712050000\"}");
            response.Content = new StringContent("{\"order_id\":\"10000");
            return response;
        }))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [TestCase("{\"a\":1} trailing")]
    [TestCase("{\"a\":1}{\"b\":2}")]
    [TestCase("<html><body>200 OK</body></html>")]
    [TestCase("\uFEFF")]
    public void A_signed_body_that_is_not_one_json_value_is_a_format_error_when_read(string body)
    {
        var response = Answered(() => SignedBytes(Encoding.UTF8.GetBytes(body)));

        Assert.Throws<ResponseFormatException>(() => _ = response.Json);
        Assert.Throws<ResponseFormatException>(() => response.ToObject<JObject>());
    }

    [Test]
    public void Json_nested_a_hundred_thousand_deep_is_a_format_error_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var response = Answered(() => SignedBytes(Encoding.ASCII.GetBytes(deep)));

        Assert.Throws<ResponseFormatException>(() => _ = response.Json);
    }

    [Test]
    public void Bytes_that_are_not_utf8_are_kept_exactly_and_read_as_text_with_replacement_characters()
    {
        byte[] body = [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D];
        var response = Answered(() => SignedBytes(body));

        Assert.That(response.Body, Is.EqualTo(body), "what was verified is what is kept");
        Assert.That(response.Text, Does.Contain("\uFFFD"));
    }

    [Test]
    public void A_huge_signed_body_is_cut_off_at_the_cap_without_being_read_whole()
    {
        var huge = new ZeroStream(32 * 1024 * 1024);

        var e = Assert.Throws<ResponseFormatException>(() => Answered(() =>
        {
            var response = StubHandler.Signed(HttpStatusCode.OK, "{}");
            response.Content = new StreamContent(huge);
            return response;
        }, maxBodyBytes: 1000))!;

        Assert.That(e.Message, Does.Contain("MaxResponseBodyBytes (1000 bytes)"));
        Assert.That(huge.Served, Is.LessThan(1024 * 1024), "reading stopped near the cap");
    }

    [Test]
    public void A_huge_body_on_an_unsigned_path_is_cut_off_at_the_cap_without_being_read_whole()
    {
        var huge = new ZeroStream(32 * 1024 * 1024);

        var e = Assert.Throws<ResponseFormatException>(() => Answered(
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(huge) },
            "v3/billdownload/file",
            maxBodyBytes: 1000))!;

        Assert.That(e.Message, Does.Contain("MaxResponseBodyBytes"));
        Assert.That(huge.Served, Is.LessThan(1024 * 1024), "reading stopped near the cap");
    }

    /// <summary>A body of zeros of a given length that is produced as it is read and counts what was read.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            Array.Clear(buffer, offset, n);
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
