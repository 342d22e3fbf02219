using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>A server that stalls — before the head or in the middle of the body — ends in a timeout within <see cref="ClientOptions.Timeout"/>.</summary>
public class SlowResponseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

    private static Task NeverAnswer(string requestLine, Socket socket, CancellationToken cancellationToken) => Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);

    private static async Task HeadThenStall(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/json"), ("Content-Length", "100")], cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes("{\"a\":"), SocketFlags.None, cancellationToken);
        await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
    }

    [Test]
    public async Task A_server_that_never_answers_times_out_promptly_async_and_sync()
    {
        await using var server = new RawHttpServer(NeverAnswer);
        using var client = RawClients.For(server, Timeout);
        var clock = Stopwatch.StartNew();

        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;
        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/certificates"))!;

        Assert.That(async.IsTimeout, Is.True);
        Assert.That(sync.IsTimeout, Is.True);
        Assert.That(async.Message, Does.Contain("timed out").And.Contain("query before repeating"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "two calls of 0.5 s each");
    }

    [Test]
    public async Task A_body_that_stalls_half_way_times_out_promptly()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, Timeout);
        var clock = Stopwatch.StartNew();

        var e = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/certificates")))!;

        Assert.That(e.IsTimeout, Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    /// <summary>An unsigned answer of no declared length (chunked) that stops half-way: nothing but a complete body may be taken.</summary>
    private static async Task ChunkedThenStall(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "image/png"), ("Transfer-Encoding", "chunked")], cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes("4\r\nPNG1\r\n"), SocketFlags.None, cancellationToken);
        await Task.Delay(System.Threading.Timeout.Infinite, cancellationToken);
    }

    [Test]
    public async Task An_unsigned_body_of_no_declared_length_that_stalls_is_a_timeout_not_a_short_answer_async_and_sync()
    {
        await using var server = new RawHttpServer(ChunkedThenStall);
        using var client = RawClients.For(server, Timeout);

        var async = (await Assert.ThrowsAsync<TransportException>(() => client.SendAsync(HttpMethod.Get, "v3/merchant-service/images/abc")))!;
        var sync = Assert.Throws<TransportException>(() => client.Send(HttpMethod.Get, "v3/merchant-service/images/abc"))!;

        Assert.That(async.IsTimeout, Is.True);
        Assert.That(sync.IsTimeout, Is.True);
    }

    [Test]
    public async Task A_body_that_stalls_half_way_times_out_promptly_in_the_synchronous_form()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, Timeout);

        var call = Task.Run(() => client.Send(HttpMethod.Get, "v3/certificates"));
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5))) == call;

        Assert.That(finished, Is.True, "the call ended within ten times its timeout");
        var e = (await Assert.ThrowsAsync<TransportException>(() => call))!;
        Assert.That(e.IsTimeout, Is.True);
    }

    [Test]
    public async Task Cancelling_a_stalled_call_ends_it_promptly_as_cancellation()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.That(async () => await client.SendAsync(HttpMethod.Get, "v3/certificates", null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
