using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Tests.Reliability;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// The synchronous forms — <c>Download</c>, <c>DownloadToFile</c>, <c>DownloadBill</c> — held to what the asynchronous
/// forms do, and both held to <see cref="ClientOptions.Timeout"/> for each wait on the body.
/// </summary>
public partial class DownloadTests
{
    [Test]
    public void A_bill_is_followed_from_its_download_url_and_checked_against_its_digest_in_the_synchronous_form()
    {
        Stub.Respond = seen => seen.Target.StartsWith("/v3/bill/tradebill", StringComparison.Ordinal)
            ? StubHandler.Signed(HttpStatusCode.OK, $"{{\"hash_type\":\"SHA1\",\"hash_value\":\"{BillSha1.ToUpperInvariant()}\",\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO\"}}")
            : File(Bill);
        var bill = Client.Send(HttpMethod.Get, "v3/bill/tradebill", new { query = new { bill_date = "2026-11-20", bill_type = "ALL" } });
        using var destination = new MemoryStream();
        var result = Client.DownloadBill(bill, destination);

        Assert.That(destination.ToArray(), Is.EqualTo(Bill));
        Assert.That(result.Length, Is.EqualTo(Bill.Length));
        Assert.That(result.Digest, Is.EqualTo(BillSha1));
        Assert.That(result.RequestId, Is.Null, "the file answer carries no Request-ID");
        var download = Stub.Last;
        Assert.That(download.Target, Is.EqualTo("/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO"));
        Assert.That(download.Header("Authorization"), Does.StartWith("WECHATPAY2-SHA256-RSA2048 "), "the download request is signed");
        Assert.That(download.Synchronous, Is.EqualTo(LibraryBuild.SendsSynchronously), "sent with the synchronous send where the build has one");
    }

    [TestCase("hash_type")]
    [TestCase("hash_value")]
    public async Task A_bill_response_without_its_digest_is_refused_before_downloading_in_the_synchronous_form(string missing)
    {
        var fields = new Newtonsoft.Json.Linq.JObject
        {
            ["hash_type"] = "SHA1",
            ["hash_value"] = BillSha1,
            ["download_url"] = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=x",
        };
        fields.Remove(missing);
        var bill = await BillResponse(fields.ToString());
        using var destination = new MemoryStream();

        var e = Assert.Throws<ResponseFormatException>(() => Client.DownloadBill(bill, destination));

        Assert.That(e!.Message, Does.Contain($"has no {missing}"));
        Assert.That(Stub.Seen.Select(s => s.Target), Has.None.StartsWith("/v3/billdownload/"), "nothing was downloaded");
        Assert.That(destination.Length, Is.Zero);
    }

    [Test]
    public void A_gzip_bill_is_unpacked_and_its_digest_is_over_the_unpacked_file_in_the_synchronous_form()
    {
        Stub.Respond = _ => File(Gzip(Bill));
        using var destination = new MemoryStream();

        var result = Client.Download("v3/billdownload/file?token=x", destination, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1, Gunzip = true });

        Assert.That(destination.ToArray(), Is.EqualTo(Bill));
        Assert.That(result.Length, Is.EqualTo(Bill.Length), "the length is of the unpacked file");
    }

    [Test]
    public void A_digest_mismatch_is_a_verification_failure_in_the_synchronous_form()
    {
        Stub.Respond = _ => File([.. Bill, (byte)'x']);
        var e = Assert.Throws<ResponseVerificationException>(() => Client.Download("v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 }));
        Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
    }

    [Test]
    public void Not_gzip_data_with_gunzip_is_a_format_error_in_the_synchronous_form()
    {
        Stub.Respond = _ => File(Bill);
        var e = Assert.Throws<ResponseFormatException>(() => Client.Download("v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { Gunzip = true }));
        Assert.That(e!.Message, Does.Contain("is not gzip data"));
    }

    [Test]
    public void A_file_download_lands_only_when_complete_and_correct_in_the_synchronous_form()
    {
        var directory = Directory.CreateTempSubdirectory("wxpay-download-").FullName;
        try
        {
            var target = Path.Combine(directory, "bill.csv");
            Stub.Respond = _ => File(Bill);
            var result = Client.DownloadToFile("v3/billdownload/file?token=x", target, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 });
            Assert.That(System.IO.File.ReadAllBytes(target), Is.EqualTo(Bill));
            Assert.That(result.Digest, Is.EqualTo(BillSha1));

            var other = Path.Combine(directory, "bad.csv");
            Stub.Respond = _ => File(Encoding.UTF8.GetBytes("tampered"));
            Assert.Throws<ResponseVerificationException>(() => Client.DownloadToFile("v3/billdownload/file?token=x", other, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 }));
            Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EqualTo(new[] { "bill.csv" }), "no partial or bad file left");
            Assert.That(Stub.Seen.Select(s => s.Synchronous), Is.All.EqualTo(LibraryBuild.SendsSynchronously));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void A_complaint_image_downloads_unsigned_in_the_synchronous_form()
    {
        var image = RandomNumberGenerator.GetBytes(300_000);
        Stub.Respond = _ => File(image);
        using var destination = new MemoryStream();

        var result = Client.Download("v3/merchant-service/images/ChsyMDAwMDAwMjAyMTA4MjUyMDAwMDAwMDAwMDAwMDAw", destination);

        Assert.That(destination.ToArray(), Is.EqualTo(image));
        Assert.That(result.Length, Is.EqualTo(image.Length));
        Assert.That(result.Digest, Is.Null);
    }

    [Test]
    public void Signed_paths_downloaded_are_still_verified_in_the_synchronous_form()
    {
        Stub.Respond = _ => File(Bill);
        var e = Assert.Throws<ResponseVerificationException>(() => Client.Download("v3/bill/tradebill?bill_date=2026-11-20", Stream.Null));
        Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));

        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"download_url\":\"x\"}");
        using var destination = new MemoryStream();
        Client.Download("v3/bill/tradebill?bill_date=2026-11-20", destination);
        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo("{\"download_url\":\"x\"}"), "a signed answer that verifies is written");
    }

    [Test]
    public void Error_answers_to_a_download_are_api_errors_in_the_synchronous_form()
    {
        Stub.Respond = _ => StubHandler.Plain(HttpStatusCode.BadRequest, "{\"code\":\"INVALID_REQUEST\",\"message\":\"token expired\"}");
        var e = Assert.Throws<ApiException>(() => Client.Download("v3/billdownload/file?token=old", Stream.Null));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public void Urls_on_other_hosts_are_refused_in_the_synchronous_form()
    {
        Assert.Throws<RequestOptionsException>(() => Client.Download("https://evil.example/v3/billdownload/file?token=x", Stream.Null));
        Assert.Throws<RequestOptionsException>(() => Client.DownloadToFile("https://evil.example/v3/billdownload/file?token=x", Path.Combine(Path.GetTempPath(), "never.csv")));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public void A_large_download_streams_without_holding_the_file_in_memory_in_the_synchronous_form()
    {
        const long size = 64L * 1024 * 1024;
        Stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new PatternStream(size)) };
        using var hash = SHA1.Create();
        using var destination = new CryptoStream(Stream.Null, hash, CryptoStreamMode.Write);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = Client.Download("v3/billdownload/file?token=big", destination, new DownloadOptions { HashType = "SHA1" });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        destination.FlushFinalBlock();

        Assert.That(result.Length, Is.EqualTo(size));
        Assert.That(result.Digest, Is.EqualTo(Convert.ToHexStringLower(hash.Hash!)));
        Assert.That(allocated, Is.LessThan(size / 16), $"{allocated} bytes allocated for a {size}-byte download");
    }

    private static readonly TimeSpan StallTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The head of a 100-byte file, five bytes of it, then nothing.</summary>
    private static async Task HeadThenStall(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "100")], cancellationToken);
        await socket.SendAsync(Encoding.ASCII.GetBytes("a,b,c"), SocketFlags.None, cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [Test]
    public async Task A_download_whose_body_stalls_times_out_in_the_synchronous_form()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, StallTimeout);
        using var destination = new MemoryStream();

        // On a thread of its own: a blocked pool thread could starve the pool the in-process server writes from.
        var call = Task.Factory.StartNew(() => client.Download("v3/billdownload/file?token=x", destination), TaskCreationOptions.LongRunning);
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5))) == call;

        Assert.That(finished, Is.True, "the download ended within ten times its timeout");
        var e = (await Assert.ThrowsAsync<TransportException>(() => call))!;
        Assert.That(e.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("GET /v3/billdownload/file?token=x timed out"));
        Assert.That(destination.ToArray(), Is.EqualTo("a,b,c"u8.ToArray()), "what arrived before the stall was written");
    }

    [Test]
    public async Task A_download_whose_body_stalls_times_out()
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = RawClients.For(server, StallTimeout);

        var call = client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null);
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5))) == call;

        Assert.That(finished, Is.True, "the download ended within ten times its timeout");
        var e = (await Assert.ThrowsAsync<TransportException>(() => call))!;
        Assert.That(e.IsTimeout, Is.True);
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
    public async Task A_download_that_keeps_arriving_is_not_cut_off_by_the_timeout_async_and_sync()
    {
        await using var server = new RawHttpServer(SlowButSteady);
        using var client = RawClients.For(server, TimeSpan.FromMilliseconds(1500));
        var expected = Enumerable.Range(0, 20).SelectMany(i => Enumerable.Repeat((byte)('a' + i), 100)).ToArray();

        // The synchronous form first, on the test's own thread: blocked on a pool thread, it could starve the pool the
        // in-process server sends from, and the stall would then be the test's, not the server's.
        using var sync = new MemoryStream();
        Assert.That(client.Download("v3/billdownload/file?token=x", sync).Length, Is.EqualTo(2000));
        using var async = new MemoryStream();
        Assert.That((await client.DownloadAsync("v3/billdownload/file?token=x", async)).Length, Is.EqualTo(2000));

        Assert.That(async.ToArray(), Is.EqualTo(expected));
        Assert.That(sync.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_body_the_timeout_closes_is_never_taken_for_a_complete_file_async_and_sync()
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new WeChatPayClient(options);
        stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallsUntilClosed("a,b,c"u8.ToArray())) };

        var sync = Assert.Throws<TransportException>(() => client.Download("v3/billdownload/file?token=x", Stream.Null))!;
        var async = (await Assert.ThrowsAsync<TransportException>(() => client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null)))!;

        Assert.That(sync.IsTimeout, Is.True);
        Assert.That(async.IsTimeout, Is.True);
    }

    [Test]
    public async Task A_gzip_body_the_timeout_closes_half_way_is_a_timeout_not_a_format_error_async_and_sync()
    {
        using var stub = new StubHandler();
        var options = Fixtures.Options(stub);
        options.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new WeChatPayClient(options);
        var gzip = Gzip(Bill);
        // .NET's GZipStream reads cut-off data as an early end; a decompressor may instead call it corrupt.
        stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallsUntilClosed(gzip[..(gzip.Length / 2)], corruptOnceClosed: true)) };
        var gunzip = new DownloadOptions { Gunzip = true };

        var sync = Assert.Throws<TransportException>(() => client.Download("v3/billdownload/file?token=x", Stream.Null, gunzip))!;
        var async = (await Assert.ThrowsAsync<TransportException>(() => client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null, gunzip)))!;

        Assert.That(sync.IsTimeout, Is.True);
        Assert.That(async.IsTimeout, Is.True);
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
    public async Task A_gzip_download_whose_body_stalls_half_way_times_out_async_and_sync()
    {
        await using var server = new RawHttpServer(HalfAGzipFileThenStall);
        using var client = RawClients.For(server, StallTimeout);
        var gunzip = new DownloadOptions { Gunzip = true };

        // The synchronous form on a thread of its own: a blocked pool thread could starve the pool the server writes from.
        var sync = Task.Factory.StartNew(() => client.Download("v3/billdownload/file?token=x", Stream.Null, gunzip), TaskCreationOptions.LongRunning);
        var async = client.DownloadAsync("v3/billdownload/file?token=x", Stream.Null, gunzip);
        await Task.WhenAny(Task.WhenAll(sync, async), Task.Delay(TimeSpan.FromSeconds(5)));

        Assert.That(sync.IsCompleted && async.IsCompleted, Is.True, "both downloads ended within ten times their timeout");
        Assert.That((await Assert.ThrowsAsync<TransportException>(() => sync))!.IsTimeout, Is.True);
        Assert.That((await Assert.ThrowsAsync<TransportException>(() => async))!.IsTimeout, Is.True);
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
