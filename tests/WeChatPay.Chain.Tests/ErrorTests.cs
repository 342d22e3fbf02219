using System.Net;
using System.Net.Sockets;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class ErrorTests : StubbedClientTest
{

    [TestCase(HttpStatusCode.BadRequest, "PARAM_ERROR")]
    [TestCase(HttpStatusCode.Unauthorized, "SIGN_ERROR")]
    [TestCase(HttpStatusCode.Forbidden, "NO_AUTH")]
    [TestCase(HttpStatusCode.NotFound, "ORDER_NOT_EXIST")]
    [TestCase(HttpStatusCode.TooManyRequests, "RATELIMIT_EXCEEDED")]
    [TestCase(HttpStatusCode.InternalServerError, "SYSTEM_ERROR")]
    [TestCase(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE")]
    public async Task Json_errors_carry_code_message_detail_and_request_id(HttpStatusCode status, string code)
    {
        Stub.Respond = _ => StubHandler.Signed(status, $"{{\"code\":\"{code}\",\"message\":\"参数错误\",\"detail\":{{\"field\":\"out_order_no\",\"location\":\"body\"}}}}");
        var e = (await Assert.ThrowsAsync<ApiException>(() => Client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { a = 1 } })))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(status));
            Assert.That(e.Code, Is.EqualTo(code));
            Assert.That(e.ErrorMessage, Is.EqualTo("参数错误"));
            Assert.That((string?)e.Detail?["field"], Is.EqualTo("out_order_no"));
            Assert.That(e.RequestId, Is.EqualTo("08F78BB5AF0610A8A9A8BC0518F0EACE"));
            Assert.That(e.Response.Text, Does.Contain(code));
            Assert.That(e.Message, Does.Contain($"HTTP {(int)status}").And.Contain(code).And.Contain("Request-ID").And.Contain("POST /v3/payscore/smartretail-orders"));
            Assert.That(e, Is.InstanceOf<WeChatPayException>());
        });
    }

    [Test]
    public void An_html_gateway_page_still_gives_a_useful_error()
    {
        Stub.Respond = _ => StubHandler.Plain(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "text/html");
        var e = Assert.Throws<ApiException>(() => Client.Send(HttpMethod.Get, "v3/x"))!;
        Assert.That(e.Code, Is.Null);
        Assert.That(e.Message, Does.Contain("HTTP 502").And.Contain("502 Bad Gateway"));
        Assert.That(e.RequestId, Is.EqualTo("08F78BB5AF0610A8A9A8BC0518F0EACE"));
        Assert.That(e.Message, Does.Contain("08F78BB5AF0610A8A9A8BC0518F0EACE"));
    }

    [Test]
    public void An_empty_error_body_still_gives_a_useful_error()
    {
        Stub.Respond = _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation(WeChatPayHeaders.RequestId, "08F78BB5AF0610A8A9A8BC0518F0EACF");
            return response;
        };
        var e = Assert.Throws<ApiException>(() => Client.Send(HttpMethod.Get, "v3/x"))!;
        Assert.That(e.Message, Does.Contain("HTTP 503").And.Contain("empty body"));
        Assert.That(e.RequestId, Is.EqualTo("08F78BB5AF0610A8A9A8BC0518F0EACF"));
        Assert.That(e.Message, Does.Contain("08F78BB5AF0610A8A9A8BC0518F0EACF"));
    }

    [Test]
    public async Task A_timeout_is_a_transport_exception_marked_as_timeout()
    {
        using var slow = new SlowHandler();
        var options = Fixtures.Options(slow);
        options.Timeout = TimeSpan.FromMilliseconds(200);
        using var client = new WeChatPayClient(options);
        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;
        Assert.That(e.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("timed out"));
        Assert.That(Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/x"))!.IsTimeout, Is.True);
    }

    [Test]
    public async Task Cancellation_during_the_call_is_honoured_as_cancellation()
    {
        using var slow = new SlowHandler();
        using var client = new WeChatPayClient(Fixtures.Options(slow));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/x", null, cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_refused_connection_is_a_transport_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new WeChatPayClient(Fixtures.OverHttp(new Uri($"http://127.0.0.1:{port}/")));
        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;
        Assert.That(e.IsTimeout, Is.False);
        Assert.That(Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/x"))!.IsTimeout, Is.False);
        await Task.CompletedTask;
    }

    [Test]
    public void Reading_json_of_a_non_json_body_is_a_typed_error()
    {
        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "not json");
        var r = Client.Send(HttpMethod.Get, "v3/x");
        Assert.Throws<ResponseFormatException>(() => _ = r.Json);
        Assert.Throws<ResponseFormatException>(() => r.ToObject<Dictionary<string, int>>());
    }

    [Test]
    public void Json_that_does_not_fit_a_simple_type_is_a_typed_error()
    {
        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"total\":99999999999,\"id\":\"x\",\"time\":\"2018-06-08T10:34:56+08:00\"}");
        var r = Client.Send(HttpMethod.Get, "v3/x");

        Assert.Throws<ResponseFormatException>(() => r.ToObject<int>(), "an object for a number");
        Assert.Throws<ResponseFormatException>(() => r.ToObject<Dictionary<string, int>>(), "a number beyond Int32 and text for a number");
        Assert.That(Assert.Throws<ResponseFormatException>(() => r.ToObject<Dictionary<string, Guid>>())!.Message, Does.Contain("does not fit"));
        Assert.That((string?)r.Json["time"], Is.EqualTo("2018-06-08T10:34:56+08:00"), "times stay the text sent");
    }

    [Test]
    public void A_transport_without_a_synchronous_send_is_a_configuration_error_for_synchronous_calls()
    {
        using var asyncOnly = new AsyncOnlyHandler();
        using var client = new WeChatPayClient(Fixtures.Options(asyncOnly));

        Assert.That(client.SendAsync(HttpMethod.Get, "v3/x").GetAwaiter().GetResult().Status, Is.EqualTo(200), "the async call works");
        if (LibraryBuild.SendsSynchronously)
        {
            var e = Assert.Throws<ConfigurationException>(() => client.Send(HttpMethod.Get, "v3/x"))!;
            Assert.That(e.Message, Does.Contain("cannot send synchronously").And.Contain("Async"));
            Assert.That(Assert.Throws<ConfigurationException>(() => client.Download("v3/billdownload/file?token=x", Stream.Null))!.Message, Does.Contain("cannot send synchronously"), "downloads too");
        }
        else
        {
            Assert.That(client.Send(HttpMethod.Get, "v3/x").Status, Is.EqualTo(200), "this build's synchronous calls wait for the asynchronous send");
        }
    }

    [Test]
    public async Task An_async_transport_that_refuses_the_request_is_a_transport_error_not_a_sync_complaint()
    {
        using var refusing = new RefusingHandler();
        using var client = new WeChatPayClient(Fixtures.Options(refusing));

        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/x")))!;

        Assert.That(e.Message, Does.Not.Contain("synchronously"));
        Assert.That(e.InnerException, Is.InstanceOf<NotSupportedException>());
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new NotSupportedException("This transport does not support the request.");
    }

    /// <summary>A transport written for async use only, as many custom handlers are: it does not override Send.</summary>
    private sealed class AsyncOnlyHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(StubHandler.Signed(HttpStatusCode.OK, "{}"));
    }

    private sealed class SlowHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Task.Delay(TimeSpan.FromSeconds(30), cancellationToken).Wait(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
