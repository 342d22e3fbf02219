using System.Text;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class RequestSignatureTests : SimulatorTest
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    protected override ManualClock? Clock => _clock;

    private static void AssertSignError(ApiAnswer answer, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
            Assert.That(answer.Code, Is.EqualTo("SIGN_ERROR"));
            Assert.That(answer.Json["detail"]?["field"]?.GetValue<string>(), Is.EqualTo(field));
        });
    }

    [Test]
    public async Task A_correctly_signed_request_succeeds()
    {
        var answer = await Merchant.GetAsync("/v3/certificates");

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
    }

    [Test]
    public async Task Authorization_parameters_are_accepted_in_any_order()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.FormatHeader = (p, signature) =>
            $"WECHATPAY2-SHA256-RSA2048 signature=\"{signature}\", serial_no=\"{p.Serial}\", timestamp=\"{p.Timestamp}\", nonce_str=\"{p.Nonce}\", mchid=\"{p.MchId}\"");

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
    }

    [Test]
    public async Task A_missing_authorization_header_is_a_sign_error()
    {
        using var response = await Merchant.Http.GetAsync("/v3/certificates");
        var answer = await ApiAnswer.ReadAsync(response);

        AssertSignError(answer, "authorization");
    }

    [Test]
    public async Task A_tampered_signature_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = signature => (signature[0] == 'A' ? "B" : "A") + signature[1..]);

        AssertSignError(answer, "signature");
    }

    [Test]
    public async Task A_signature_that_is_not_base64_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = _ => "not*base64");

        AssertSignError(answer, "signature");
    }

    [TestCase(-301)]
    [TestCase(301)]
    public async Task A_timestamp_more_than_300_seconds_off_is_a_sign_error(int offset)
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.Timestamp = (long.Parse(parts.Timestamp) + offset).ToString());

        AssertSignError(answer, "timestamp");
    }

    [TestCase(-300)]
    [TestCase(300)]
    public async Task A_timestamp_300_seconds_off_is_still_accepted(int offset)
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.Timestamp = (long.Parse(parts.Timestamp) + offset).ToString());

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
    }

    [Test]
    public async Task Another_merchant_id_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.MchId = "1900000109");

        AssertSignError(answer, "mchid");
    }

    [Test]
    public async Task Another_certificate_serial_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.Serial = Server.Profile.PlatformCertificateSerial);

        AssertSignError(answer, "serial_no");
    }

    [Test]
    public async Task A_body_other_than_the_one_signed_is_a_sign_error()
    {
        var outOrderNo = SmartRetail.NewOutOrderNo();
        var answer = await Merchant.PostAsync(SmartRetail.Path, SmartRetail.CreateBody(outOrderNo),
            parts => parts.SignedBody = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(parts.SignedBody).Replace("300", "1")));

        AssertSignError(answer, "signature");
        Assert.That(Server.FindOrder(outOrderNo), Is.Null, "a request that fails verification changes nothing");
    }

    [Test]
    public async Task A_query_other_than_the_one_signed_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync(SmartRetail.QueryTarget("A1"), parts => parts.SignedTarget = parts.SignedTarget.Replace("A1", "A2"));

        AssertSignError(answer, "signature");
    }

    [Test]
    public async Task A_method_other_than_the_one_signed_is_a_sign_error()
    {
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.SignedMethod = "POST");

        AssertSignError(answer, "signature");
    }

    [Test]
    public async Task The_raw_target_is_verified_as_received_not_decoded()
    {
        const string target = SmartRetail.Path + "?service_id=500001&out_order_no=A%7C1&appid=" + SmartRetail.AppId;
        var signedDecoded = await Merchant.GetAsync(target, parts => parts.SignedTarget = parts.SignedTarget.Replace("%7C", "|"));
        var signedRaw = await Merchant.GetAsync(target);

        AssertSignError(signedDecoded, "signature");
        Assert.That((int)signedRaw.Status, Is.EqualTo(404), "verified, then looked up: no such order");
    }

    [Test]
    public async Task A_sign_error_describes_the_message_that_should_have_been_signed()
    {
        // Unescaped Chinese in the body: three UTF-8 bytes a character, so a length in characters would be caught.
        const string body = "{\"appid\":\"wxd678efh567hg6787\",\"service_id\":\"500001\",\"out_order_no\":\"X1\",\"service_introduction\":\"自助货柜\"}";
        SignatureParts sent = null!;
        var answer = await Merchant.SendAsync(HttpMethod.Post, SmartRetail.Path, body, parts =>
        {
            parts.AlterSignature = _ => "AAAA";
            sent = parts;
        });

        var information = answer.Json["detail"]!["sign_information"]!;
        var message = information["truncated_sign_message"]!.GetValue<string>();
        var expectedLength = System.Text.Encoding.UTF8.GetByteCount($"POST\n{SmartRetail.Path}\n{sent.Timestamp}\n{sent.Nonce}\n{body}\n");
        Assert.Multiple(() =>
        {
            Assert.That(information["method"]!.GetValue<string>(), Is.EqualTo("POST"));
            Assert.That(information["url"]!.GetValue<string>(), Is.EqualTo(SmartRetail.Path));
            Assert.That(expectedLength, Is.EqualTo(5 + SmartRetail.Path.Length + 1 + 10 + 1 + 32 + 1 + (body.Length - 4 + 4 * 3) + 1), "the message's byte count, worked out by hand");
            Assert.That(information["sign_message_length"]!.GetValue<int>(), Is.EqualTo(expectedLength));
            Assert.That(message, Does.StartWith($"POST\n{SmartRetail.Path}\n"));
        });
    }

    [Test]
    public async Task A_sign_error_never_echoes_the_signature()
    {
        string? sent = null;
        var answer = await Merchant.GetAsync("/v3/certificates", parts => parts.AlterSignature = signature => sent = "A" + signature[1..] == signature ? "B" + signature[1..] : "A" + signature[1..]);

        Assert.That(answer.Text, Does.Not.Contain(sent!));
    }
}
