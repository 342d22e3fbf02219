using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>An <see cref="HttpClient"/> built outside the client (as IHttpClientFactory does) is safe only with the steps in it.</summary>
public class ExternalHttpClientTests
{
    private StubHandler _stub = null!;
    private WeChatPayCredentials _credentials = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new StubHandler { Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"ok\":true}") };
        _credentials = WeChatPayCredentials.Load(Fixtures.Options(_stub));
    }

    [TearDown]
    public void TearDown()
    {
        _credentials.Dispose();
        _stub.Dispose();
    }

    private HttpClient Chain(IEnumerable<DelegatingHandler> steps)
    {
        HttpMessageHandler pipeline = _stub;
        foreach (var step in steps.Reverse())
        {
            step.InnerHandler = pipeline;
            pipeline = step;
        }
        return new HttpClient(pipeline, disposeHandler: false);
    }

    [Test]
    public async Task A_pipeline_with_the_credentials_steps_signs_and_verifies()
    {
        using var http = Chain(_credentials.CreateHandlers());
        using var client = new WeChatPayClient(_credentials, http);
        dynamic wx = client.Root;
        WeChatPayResponse r = await wx.V3.Certificates.GetAsync();
        Assert.That((bool?)r.Json["ok"], Is.True);
        Assert.That(_stub.Last.Header("Authorization"), Does.StartWith("WECHATPAY2-SHA256-RSA2048 "));

        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "{\"forged\":true}");
        await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates"));
    }

    [Test]
    public void A_bare_http_client_cannot_pass_an_unverified_response_on()
    {
        using var http = new HttpClient(_stub, disposeHandler: false);
        using var client = new WeChatPayClient(_credentials, http);
        var e = Assert.Throws<ConfigurationException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!;
        Assert.That(e.Message, Does.Contain("did not sign the request").And.Contain("CreateHandlers"));
    }

    [Test]
    public async Task A_pipeline_that_signs_but_does_not_verify_is_refused()
    {
        using var http = Chain(_credentials.CreateHandlers().Where(h => h is RequestSigningHandler));
        using var client = new WeChatPayClient(_credentials, http);
        _stub.Respond = _ => StubHandler.Plain(HttpStatusCode.OK, "{\"forged\":true}");
        Assert.That((await Assert.ThrowsAsync<ConfigurationException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!.Message, Does.Contain("did not verify the response"));
        await Assert.ThrowsAsync<ConfigurationException>(() => client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null));
    }

    [Test]
    public void The_steps_come_outermost_first_with_retry_when_configured()
    {
        var options = Fixtures.Options(_stub);
        options.Retry = new RetryPolicy();
        using var credentials = WeChatPayCredentials.Load(options);
        Assert.That(credentials.CreateHandlers().Select(h => h.GetType()), Is.EqualTo(new[] { typeof(RetryHandler), typeof(RequestSigningHandler), typeof(ResponseVerifyingHandler) }));
        var first = credentials.CreateHandlers();
        var second = credentials.CreateHandlers();
        Assert.That(second[1], Is.Not.SameAs(first[1]), "fresh instances each time");
    }
}
