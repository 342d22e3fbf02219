using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>A connection that breaks before or during the answer is a <see cref="TransportException"/>: the outcome is unknown.</summary>
public class ConnectionResetTests
{
    private const string Body = "{\"order_id\":\"1000000000201712050000\",\"state\":\"CREATED\"}";

    private static async Task HalfABodyThenReset(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/json"), ("Content-Length", Body.Length.ToString()), ("Wechatpay-Timestamp", "1700000000")], cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes(Body[..(Body.Length / 2)]), SocketFlags.None, cancellationToken);
        await Task.Delay(50, cancellationToken);
        RawHttpServer.Reset(socket);
    }

    [Test]
    public async Task A_reset_in_the_middle_of_the_body_is_a_transport_exception_async_and_sync()
    {
        await using var server = new RawHttpServer(HalfABodyThenReset);
        using var client = RawClients.For(server);
        var clock = Stopwatch.StartNew();

        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Post, "v3/payscore/smartretail-orders", new { json = new { out_order_no = "NO1" } })))!;
        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/payscore/smartretail-orders"))!;

        Assert.Multiple(() =>
        {
            Assert.That(async.IsTimeout, Is.False);
            Assert.That(sync.IsTimeout, Is.False);
            Assert.That(async.Message, Does.Contain("POST /v3/payscore/smartretail-orders").And.Contain("without a response"));
            Assert.That(async.InnerException, Is.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
            Assert.That(server.Requests, Is.EqualTo(2), "a broken answer is not silently sent again");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no wait for a timeout");
        });
    }

    [Test]
    public async Task A_connection_closed_before_any_answer_is_a_transport_exception()
    {
        await using var server = new RawHttpServer((_, socket, _) =>
        {
            RawHttpServer.Reset(socket);
            return Task.CompletedTask;
        });
        using var client = RawClients.For(server);

        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;

        Assert.That(e.IsTimeout, Is.False);
        Assert.That(e.Message, Does.Contain("GET /v3/certificates"));
    }

    [Test]
    public async Task A_body_shorter_than_its_content_length_then_closed_is_a_transport_exception()
    {
        await using var server = new RawHttpServer(async (_, socket, cancellationToken) =>
        {
            await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Length", "1000"), ("Connection", "close")], cancellationToken);
            await socket.SendAsync(Encoding.UTF8.GetBytes(Body), SocketFlags.None, cancellationToken);
            socket.Shutdown(SocketShutdown.Both);
        });
        using var client = RawClients.For(server);

        Assert.That(Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!.IsTimeout, Is.False);
    }
}
