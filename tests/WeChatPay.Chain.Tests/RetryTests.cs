using System.Net;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class RetryTests
{
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler();

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private WeChatPayClient Client(int attempts = 4)
    {
        var options = Fixtures.Options(_stub);
        options.Retry = new RetryPolicy { MaxAttempts = attempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };
        return new WeChatPayClient(options);
    }

    private void Answer(params HttpStatusCode[] statuses)
    {
        var next = 0;
        _stub.Respond = _ =>
        {
            var status = statuses[Math.Min(Interlocked.Increment(ref next) - 1, statuses.Length - 1)];
            var response = StubHandler.Signed(status, (int)status < 300 ? "{\"ok\":true}" : "{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}");
            if (status == HttpStatusCode.TooManyRequests) response.Headers.TryAddWithoutValidation("Retry-After", "0");
            return response;
        };
    }

    [Test]
    public async Task A_5xx_429_and_202_are_repeated_with_a_fresh_signature_over_the_same_body()
    {
        Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted, HttpStatusCode.OK);
        using var client = Client();
        var response = await client.SendAsync(HttpMethod.Post, "v3/pay/transactions/native", new { json = new { out_trade_no = "T1", amount = new { total = 1 } } });

        Assert.That(response.Status, Is.EqualTo(200));
        var seen = _stub.Seen.ToArray();
        Assert.That(seen, Has.Length.EqualTo(4));
        Assert.That(seen.Select(s => s.BodyText).Distinct().Single(), Is.EqualTo("{\"out_trade_no\":\"T1\",\"amount\":{\"total\":1}}"));
        var headers = seen.Select(s => { AuthorizationHeader.TryParse(s.Header("Authorization"), out var h, out _); return h!; }).ToArray();
        Assert.That(headers.Select(h => h.Nonce).Distinct().Count(), Is.EqualTo(4), "each attempt signed anew");
        foreach (var (h, s) in headers.Zip(seen))
            Assert.That(Rsa.Verify(Fixtures.MerchantKey.Value, SignatureMessage.ForRequest("POST", s.Target, h.Timestamp, h.Nonce, s.Body), h.Signature), Is.True);
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    public void Other_4xx_are_never_repeated(HttpStatusCode status)
    {
        Answer(status, HttpStatusCode.OK);
        using var client = Client();
        Assert.Throws<ApiException>(() => client.Send(HttpMethod.Get, "v3/x"));
        Assert.That(_stub.Seen, Has.Count.EqualTo(1));
    }

    [Test]
    public void When_attempts_run_out_the_last_answer_is_reported()
    {
        Answer(HttpStatusCode.InternalServerError);
        using var client = Client(attempts: 3);
        var e = Assert.Throws<ApiException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(_stub.Seen, Has.Count.EqualTo(3));
    }

    [Test]
    public void Without_a_policy_nothing_is_repeated()
    {
        Answer(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var client = new WeChatPayClient(Fixtures.Options(_stub));
        Assert.Throws<ApiException>(() => client.Send(HttpMethod.Get, "v3/x"));
        Assert.That(_stub.Seen, Has.Count.EqualTo(1));
    }

    [Test]
    public void Back_off_doubles_with_jitter_and_honours_retry_after_up_to_the_cap()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        Assert.That(policy.DelayBefore(1, null).TotalMilliseconds, Is.InRange(80, 120));
        Assert.That(policy.DelayBefore(3, null).TotalMilliseconds, Is.InRange(320, 480));
        Assert.That(policy.DelayBefore(10, null), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(policy.DelayBefore(1, TimeSpan.FromMilliseconds(300)), Is.EqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(policy.DelayBefore(1, TimeSpan.FromMinutes(5)), Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Cancellation_during_a_back_off_is_prompt()
    {
        Answer(HttpStatusCode.ServiceUnavailable);
        var options = Fixtures.Options(_stub);
        options.Retry = new RetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30) };
        using var client = new WeChatPayClient(options);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = DateTime.UtcNow;
        Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/x", null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void Bad_policies_are_refused()
    {
        var options = Fixtures.Options(_stub);
        options.Retry = new RetryPolicy { MaxAttempts = 0 };
        Assert.Throws<ConfigurationException>(() => new WeChatPayClient(options).Dispose());
    }
}
