using System.Net;
using Flurl.Http;
using WeChatPay.Chain.Testing;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Flurl;

/// <summary>
/// What a Flurl user expects of a client works on this one: event handlers on its Flurl client see the request signed
/// and the response verified, each attempt is one Flurl call, sync calls included, and no client setting and no
/// handler list can skip verification or let a Flurl exception out.
/// </summary>
public class FlurlHabitTests : HttpTestFixture
{
    private Task<WeChatPayResponse> Post(bool sync)
    {
        var options = new { json = new { out_order_no = "1234323JKHDFE1243252" } };
        return sync ? Task.FromResult(Client.Send(HttpMethod.Post, "v3/payscore/smartretail-orders", options)) : Client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", options);
    }

    [Test]
    public async Task BeforeCall_sees_the_request_signed_and_AfterCall_the_response_verified([Values] bool sync)
    {
        string? signedBefore = null;
        Exception? errorAfter = null;
        string? bodyAfter = null;
        Client.FlurlClient.BeforeCall(call => signedBefore = call.HttpRequestMessage.Headers.Authorization?.ToString());
        Client.FlurlClient.AfterCall(async call =>
        {
            errorAfter = call.Exception;
            bodyAfter = await call.Response.GetStringAsync();
        });
        Test.RespondWithWeChatPay(new { state = "CREATED" });

        var response = await Post(sync);

        Assert.That(signedBefore, Does.StartWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000001\""));
        Assert.That(errorAfter, Is.Null);
        Assert.That(bodyAfter, Is.EqualTo("{\"state\":\"CREATED\"}"), "the body the client read and verified is still there to read");
        Assert.That(response.Text, Is.EqualTo(bodyAfter));
    }

    [Test]
    public async Task AfterCall_reads_the_body_the_client_read_from_a_transport_that_sends_it_once([Values] bool sync)
    {
        Test.Dispose();
        using var stub = new StubHandler { Respond = _ => ReadOnce(StubHandler.Signed(HttpStatusCode.OK, "{\"state\":\"CREATED\"}")) };
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        string? bodyAfter = null;
        client.FlurlClient.AfterCall(async call => bodyAfter = await call.Response.GetStringAsync());

        var response = sync ? client.Send(HttpMethod.Get, "v3/x") : await client.SendAsync(HttpMethod.Get, "v3/x");

        Assert.That(bodyAfter, Is.EqualTo("{\"state\":\"CREATED\"}"), "the client put back what it read for the handler after it");
        Assert.That(response.Text, Is.EqualTo(bodyAfter));
    }

    /// <summary>The response with its body behind a stream that can be read once, as a connection's is.</summary>
    private static HttpResponseMessage ReadOnce(HttpResponseMessage response)
    {
        var original = response.Content;
        response.Content = new StreamContent(new ForwardOnlyStream(original.ReadAsByteArrayAsync().GetAwaiter().GetResult()));
        foreach (var (name, values) in original.Headers) response.Content.Headers.TryAddWithoutValidation(name, values);
        return response;
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    [Test]
    public async Task AfterCall_sees_a_failed_verification_as_the_calls_exception([Values] bool sync)
    {
        Exception? errorAfter = null;
        Client.FlurlClient.AfterCall(call => errorAfter = call.Exception);
        Test.RespondWith("{\"forged\":true}");

        await Assert.ThrowsAsync<ResponseVerificationException>(() => Post(sync));

        Assert.That(errorAfter, Is.InstanceOf<ResponseVerificationException>());
    }

    [Test]
    public async Task OnError_sees_a_failure_to_send_which_arrives_as_the_librarys_exception([Values] bool sync)
    {
        Exception? seen = null;
        Client.FlurlClient.OnError(call => seen = call.Exception);
        Test.SimulateException(new HttpRequestException("connection reset"));

        var e = await Assert.ThrowsAsync<TransportException>(() => Post(sync));

        Assert.That(seen, Is.InstanceOf<HttpRequestException>());
        Assert.That(e!.InnerException, Is.SameAs(seen));
    }

    [Test]
    public async Task Removing_every_event_handler_skips_nothing([Values] bool sync)
    {
        Client.FlurlClient.EventHandlers.Clear();
        Test.RespondWith("{\"forged\":true}");

        Assert.That((await Assert.ThrowsAsync<ResponseVerificationException>(() => Post(sync)))!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));

        Test.RespondWithWeChatPay(new { state = "CREATED" });
        Assert.That((await Post(sync)).Call!.Verification, Is.EqualTo(ResponseVerification.Verified), "the call path verifies what no handler did");
    }

    [Test]
    public async Task Client_settings_cannot_follow_redirects_or_turn_statuses_into_Flurl_exceptions([Values] bool sync)
    {
        Client.FlurlClient.Settings.Redirects.Enabled = true;
        Client.FlurlClient.Settings.Redirects.ForwardAuthorizationHeader = true;
        Client.FlurlClient.Settings.AllowedHttpStatusRange = "2xx";
        Test.RespondWith("", 302, new { Location = "https://elsewhere.example/steal" })
            .RespondWithWeChatPayError(404, "ORDER_NOT_EXIST", "订单不存在");

        var redirect = await Assert.ThrowsAsync<ApiException>(() => Post(sync));
        var missing = await Assert.ThrowsAsync<ApiException>(() => Post(sync));

        Assert.That(redirect!.StatusCode, Is.EqualTo(HttpStatusCode.Found), "a 3xx is an error, not followed");
        Assert.That(missing!.Code, Is.EqualTo("ORDER_NOT_EXIST"));
        Test.ShouldNotHaveCalled("https://elsewhere.example/*");
    }

    [Test]
    public async Task Synchronous_calls_are_Flurl_calls_too()
    {
        var seen = new List<string>();
        Client.FlurlClient.BeforeCall(call => seen.Add(call.HttpRequestMessage.Method.Method));
        Test.RespondWithWeChatPay(new { });

        Client.Send(HttpMethod.Get, "v3/certificates");
        await Client.SendAsync(HttpMethod.Get, "v3/certificates");

        Assert.That(seen, Is.EqualTo(new[] { "GET", "GET" }));
        Test.ShouldHaveCalled("*/v3/certificates").WithWeChatPaySignature().Times(2);
    }

    [Test]
    public async Task A_transport_that_answers_the_synchronous_call_is_reached_through_its_synchronous_Send()
    {
        Test.Dispose();
        using var stub = new StubHandler();
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        var flurlCalls = 0;
        client.FlurlClient.AfterCall(_ => flurlCalls++);

        client.Send(HttpMethod.Get, "v3/x");
        await client.SendAsync(HttpMethod.Get, "v3/x");

        Assert.That(stub.Seen.Select(s => s.Synchronous), Is.EqualTo(new[] { LibraryBuild.SendsSynchronously, false }));
        Assert.That(flurlCalls, Is.EqualTo(2));
    }
}
