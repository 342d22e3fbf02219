using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// <c>GET /v3/statements</c>: the file with <c>Wechatpay-Statement-Sha1</c>, signed over <c>{"sha1":"…"}</c>, checked
/// by the library's own verification step end to end.
/// </summary>
public sealed class StatementTests : SimulatorTest
{
    /// <summary>Yesterday in Beijing: always a day with a statement, whatever the hour of the run.</summary>
    private static string Yesterday => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd");

    [TestCase("v3/statements")]
    [TestCase("v3/global/statements")]
    public async Task A_statement_verifies_through_the_library(string path)
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());

        var statement = await client.SendAsync(HttpMethod.Get, path, new { query = new { bill_date = Yesterday } });

        var sha1 = Convert.ToHexStringLower(SHA1.HashData(statement.Body));
        Assert.Multiple(() =>
        {
            Assert.That(statement.Header("Wechatpay-Statement-Sha1"), Is.EqualTo(sha1));
            Assert.That(statement.Text, Does.Contain("记账时间"));
            Assert.That(statement.Header("Wechatpay-Serial"), Is.EqualTo(Server.Profile.PlatformCertificateSerial));
        });
    }

    [Test]
    public async Task The_statement_signature_covers_the_sha1_json_not_the_file()
    {
        var answer = await Merchant.GetAsync($"/v3/statements?bill_date={Yesterday}");

        var sha1 = answer.Header("Wechatpay-Statement-Sha1")!;
        var verifier = Verifier();
        Assert.That(() => verifier.Verify(answer.Header("Wechatpay-Timestamp"), answer.Header("Wechatpay-Nonce"), answer.Header("Wechatpay-Signature"),
            answer.Header("Wechatpay-Serial"), Encoding.UTF8.GetBytes($"{{\"sha1\":\"{sha1}\"}}")), Throws.Nothing);
        Assert.That(() => answer.Verify(verifier), Throws.TypeOf<ResponseVerificationException>());
    }

    [Test]
    public async Task A_statement_whose_body_was_altered_is_rejected()
    {
        var options = Server.Profile.ToClientOptions();
        options.HttpMessageHandler = new TamperingHandler { Body = body => [.. body, (byte)'x'] };
        using var client = Builder.Create(options);

        var error = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/statements", new { query = new { bill_date = Yesterday } })));

        Assert.That(error!.Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
    }

    [Test]
    public async Task A_statement_altered_together_with_its_digest_header_fails_the_signature()
    {
        var options = Server.Profile.ToClientOptions();
        options.HttpMessageHandler = new TamperingHandler
        {
            Body = body => [.. body, (byte)'x'],
            Headers = (response, body) =>
            {
                response.Headers.Remove("Wechatpay-Statement-Sha1");
                response.Headers.TryAddWithoutValidation("Wechatpay-Statement-Sha1", Convert.ToHexStringLower(SHA1.HashData(body)));
            },
        };
        using var client = Builder.Create(options);

        var error = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/statements", new { query = new { bill_date = Yesterday } })));

        Assert.That(error!.Reason, Is.EqualTo(VerificationFailure.BadSignature));
    }

    [Test]
    public async Task A_statement_without_bill_date_is_a_param_error()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/statements", null)));

        Assert.That((int)error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That((string?)error.Detail?["field"], Is.EqualTo("bill_date"));
    }
}
