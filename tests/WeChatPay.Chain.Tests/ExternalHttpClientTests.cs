using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// An <see cref="HttpClient"/> built outside the client (as <c>IHttpClientFactory</c> does) carries signed requests and
/// can pass no unverified answer on: signing and verification are steps of the client's call path, not handlers.
/// </summary>
public class ExternalHttpClientTests
{
    private StubHandler _stub = null!;

    [SetUp]
    public void SetUp() => _stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"ok\":true}") };

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private static HttpClient Over(HttpMessageHandler transport, params DelegatingHandler[] steps)
    {
        var pipeline = transport;
        foreach (var step in steps.Reverse())
        {
            step.InnerHandler = pipeline;
            pipeline = step;
        }
        return new HttpClient(pipeline, disposeHandler: false);
    }

    [Test]
    public async Task A_bare_http_client_signs_and_verifies_sync_and_async()
    {
        using var http = Over(_stub);
        using var client = new WeChatPayClient(Fixtures.Options(_stub), http);
        dynamic wx = client.Root;

        WeChatPayResponse r = await wx.V3.Certificates.GetAsync();
        Assert.That((bool?)r.Json["ok"], Is.True);
        Assert.That(client.Send(HttpMethod.Get, "v3/certificates").Status, Is.EqualTo(200));
        Assert.That(_stub.Seen.Select(s => s.Header("Authorization")), Is.All.StartsWith("WECHATPAY2-SHA256-RSA2048 "));

        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "{\"forged\":true}");
        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
        Assert.That(Assert.Throws<ResponseVerificationException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));
    }

    [Test]
    public async Task A_handler_of_the_callers_that_forges_the_answer_cannot_pass_it_on()
    {
        var forger = new Forger();
        using var http = Over(_stub, forger);
        using var client = new WeChatPayClient(Fixtures.Options(_stub), http);

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;

        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.BadSignature), "signed headers over another body");
        Assert.That(forger.SawAuthorization, Does.StartWith("WECHATPAY2-SHA256-RSA2048 "), "a handler inside the HttpClient sees the request signed");
        Assert.That(e.Call!.Verification, Is.EqualTo(ResponseVerification.Failed));
    }

    [Test]
    public async Task Retry_over_an_http_client_built_elsewhere_signs_each_attempt_anew()
    {
        var statuses = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK]);
        _stub.Respond = _ => StubHandler.Signed(statuses.Dequeue(), "{}");
        var options = Fixtures.Options(_stub);
        options.Retry = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
        using var http = Over(_stub);
        using var client = new WeChatPayClient(options, http);

        var response = await client.SendAsync(HttpMethod.Get, "v3/certificates");

        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Call!.Attempts, Is.EqualTo(3));
        Assert.That(_stub.Seen.Select(s => s.Header("Authorization")).Distinct().Count(), Is.EqualTo(3), "three attempts, three signatures");
    }

    [Test]
    public async Task An_http_client_that_has_sent_requests_already_is_refused_saying_why()
    {
        using var http = Over(_stub);
        using (var first = new WeChatPayClient(Fixtures.Options(_stub), http)) await first.SendAsync(HttpMethod.Get, "v3/certificates");

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(Fixtures.Options(_stub), http).Dispose())!;

        Assert.That(e.Message, Does.Contain("has sent requests already").And.Contain("Timeout"));
    }

    [Test]
    public void A_disposed_http_client_is_refused_saying_why()
    {
        var http = Over(_stub);
        http.Dispose();

        var e = Assert.Throws<ConfigurationException>(() => new WeChatPayClient(Fixtures.Options(_stub), http).Dispose())!;

        Assert.That(e.Message, Does.Contain("is disposed"));
    }

    /// <summary>Answers with the signed headers of the real answer over a body of its own.</summary>
    private sealed class Forger : DelegatingHandler
    {
        public string? SawAuthorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SawAuthorization = request.Headers.Authorization?.ToString();
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            response.Content = new StringContent("{\"ok\":false,\"forged\":true}");
            original.Dispose();
            return response;
        }
    }
}
