using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WeChatPay.Chain.Tests.Reliability;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>Downloads, synchronous and asynchronous, held to <see cref="ClientOptions.Timeout"/> for each wait on the body.</summary>
public partial class DownloadTests
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMilliseconds(500);

    // The synchronous form on a thread of its own: a blocked pool thread could starve the pool the in-process server writes from.
    private static Task<DownloadResult> DownloadOnAThreadOfItsOwn(WeChatPayClient client, bool sync, string url, Stream destination, DownloadOptions? options = null)
        => sync ? Task.Factory.StartNew(() => client.Download(url, destination, options), TaskCreationOptions.LongRunning) : client.DownloadAsync(url, destination, options);

    /// <summary>The head of a 100-byte file, five bytes of it, then nothing.</summary>
    private static async Task HeadThenStall(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "100")], cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes("a,b,c"), SocketFlags.None, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Test]
    public async Task A_download_whose_body_stalls_times_out([Values] bool sync)
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, StallTimeout);
        using var destination = new MemoryStream();

        var call = DownloadOnAThreadOfItsOwn(client, sync, "v3/billdownload/file?token=x", destination);
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5))) == call;

        Assert.That(finished, Is.True, "the download ended within ten times its timeout");
        var e = (await Assert.ThrowsAsync<TransportException>(() => call))!;
        Assert.That(e.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("GET /v3/billdownload/file?token=… timed out"), "the download token's value is never shown");
        Assert.That(destination.ToArray(), Is.EqualTo("a,b,c"u8.ToArray()), "what arrived before the stall was written");
    }

    [Test]
    public async Task Cancelling_a_stalled_download_is_cancellation_not_a_timeout()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        Assert.That(async () => await client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    /// <summary>A 2,000-byte file sent in twenty pieces 100 ms apart: longer in all than the timeout, never idle for long.</summary>
    private static async Task SlowButSteady(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "2000"), ("Connection", "close")], cancellationToken);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(100, cancellationToken);
            await socket.SendAsync(Enumerable.Repeat((byte)('a' + i), 100).ToArray(), SocketFlags.None, cancellationToken);
        }
    }

    [Test]
    public async Task A_download_that_keeps_arriving_is_not_cut_off_by_the_timeout_async_and_sync([Values] bool sync)
    {
        await using var server = new RawHttpServer(SlowButSteady);
        using var client = RawClients.For(server, TimeSpan.FromMilliseconds(1500));
        var expected = Enumerable.Range(0, 20).SelectMany(i => Enumerable.Repeat((byte)('a' + i), 100)).ToArray();
        using var destination = new MemoryStream();

        // The synchronous form on the test's own thread: blocked on a pool thread, it could starve the pool the
        // in-process server sends from, and the stall would then be the test's, not the server's.
        Assert.That((await Download(client, sync, "v3/billdownload/file?token=x", destination)).Length, Is.EqualTo(2000));

        Assert.That(destination.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_body_the_timeout_closes_is_never_taken_for_a_complete_file_async_and_sync([Values] bool sync)
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new WeChatPayClient(options);
        stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallsUntilClosed("a,b,c"u8.ToArray())) };

        var e = (await Assert.ThrowsAsync<TransportException>(() => Download(client, sync, "v3/billdownload/file?token=x", Stream.Null)))!;

        Assert.That(e.IsTimeout, Is.True);
    }

    [Test]
    public async Task A_gzip_body_the_timeout_closes_half_way_is_a_timeout_not_a_format_error_async_and_sync([Values] bool sync)
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new WeChatPayClient(options);
        var gzip = Gzip(Bill);
        // .NET's GZipStream reads cut-off data as an early end; a decompressor may instead call it corrupt.
        stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallsUntilClosed(gzip[..(gzip.Length / 2)], corruptOnceClosed: true)) };

        var e = (await Assert.ThrowsAsync<TransportException>(() => Download(client, sync, "v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { Gunzip = true })))!;

        Assert.That(e.IsTimeout, Is.True);
    }

    /// <summary>The head of a gzip file and half of the file, then nothing.</summary>
    private static async Task HalfAGzipFileThenStall(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        var gzip = Gzip(Bill);
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/gzip"), ("Content-Length", gzip.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], cancellationToken);
        await socket.SendAsync(gzip[..(gzip.Length / 2)], SocketFlags.None, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Test]
    public async Task A_gzip_download_whose_body_stalls_half_way_times_out_async_and_sync([Values] bool sync)
    {
        await using var server = new RawHttpServer(HalfAGzipFileThenStall);
        using var client = RawClients.For(server, StallTimeout);

        var call = DownloadOnAThreadOfItsOwn(client, sync, "v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { Gunzip = true });
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5)));

        Assert.That(call.IsCompleted, Is.True, "the download ended within ten times its timeout");
        Assert.That((await Assert.ThrowsAsync<TransportException>(() => call))!.IsTimeout, Is.True);
    }

    /// <summary>
    /// Gives its bytes, then blocks until it is closed, and then reads as ended — as a closed connection can — or, with
    /// <paramref name="corruptOnceClosed"/>, fails as data that does not decompress.
    /// </summary>
    private sealed class StallsUntilClosed(byte[] start, bool corruptOnceClosed = false) : Stream
    {
        private readonly ManualResetEventSlim _closed = new();
        private bool _started;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!_started)
            {
                _started = true;
                start.CopyTo(buffer, offset);
                return start.Length;
            }
            if (!_closed.Wait(TimeSpan.FromSeconds(10))) throw new InvalidOperationException("never closed");
            return corruptOnceClosed ? throw new InvalidDataException("The data ends inside a compressed block.") : 0;
        }

        protected override void Dispose(bool disposing)
        {
            _closed.Set();
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
