using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using WeChatPay.Chain.Tests.Reliability;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// Downloads from servers that misbehave on purpose: one that trickles for ever, one whose gzip unpacks a thousandfold,
/// a bill that points at another port, and failures of every kind with a download token in the URL.
/// </summary>
public partial class DownloadTests
{
    private const string Token = "6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2";
    private const string TokenTarget = "v3/billdownload/file?token=" + Token;

    /// <summary>Runs the synchronous form on a thread of its own (a blocked pool thread could starve the in-process server), or the asynchronous one.</summary>
    private static Task<DownloadResult> Run(bool sync, Func<DownloadResult> blocking, Func<Task<DownloadResult>> awaited)
        => sync ? Task.Factory.StartNew(blocking, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default) : awaited();

    private static WeChatPayClient ClientOf(RawHttpServer server, Action<ClientOptions> configure)
    {
        var options = Fixtures.OverHttp(server.BaseUri);
        configure(options);
        return new WeChatPayClient(options);
    }

    /// <summary>The head of a 100,000-byte file, then one byte every 100 ms: never idle long enough for the timeout of a read.</summary>
    private static async Task Trickle(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "100000")], cancellationToken);
        while (true)
        {
            await socket.SendAsync("a"u8.ToArray(), SocketFlags.None, cancellationToken);
            await Task.Delay(100, cancellationToken);
        }
    }

    [Test]
    public async Task A_download_that_trickles_in_ends_at_DownloadTimeout_naming_it_and_what_was_written_async_and_sync([Values] bool sync, [Values] bool toFile) => await InTemporaryDirectory(async directory =>
    {
        await using var server = new RawHttpServer(Trickle);
        using var client = ClientOf(server, options => (options.Timeout, options.DownloadTimeout) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5)));
        using var destination = new MemoryStream();
        var path = Path.Combine(directory, "bill.csv");
        var clock = Stopwatch.StartNew();

        var call = toFile
            ? Run(sync, () => client.DownloadToFile(TokenTarget, path), () => client.DownloadToFileAsync(TokenTarget, path))
            : Run(sync, () => client.Download(TokenTarget, destination), () => client.DownloadAsync(TokenTarget, destination));
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10))) == call;

        Assert.That(finished, Is.True, "the download ended, though the server never stops");
        var e = (await Assert.ThrowsAsync<TransportException>(() => call))!;
        Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.4)), "not the timeout of one read");
        Assert.That(e.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("did not finish within DownloadTimeout (1.5 s)").And.Contain("raise ClientOptions.DownloadTimeout"));
        if (toFile)
        {
            Assert.That(e.Message, Does.Match(@" \d+ bytes had been written to the destination when it was stopped; discard them"));
            Assert.That(Directory.GetFileSystemEntries(directory), Is.Empty, "no file, complete or partial, is left");
        }
        else
        {
            Assert.That(destination.Length, Is.GreaterThan(0));
            Assert.That(e.Message, Does.Contain($" {destination.Length} bytes had been written to the destination when it was stopped; discard them"));
        }
    });

    [Test]
    public async Task A_synchronous_download_blocked_on_a_stalled_read_ends_when_its_token_is_cancelled([Values] bool sync, [Values] bool toFile) => await InTemporaryDirectory(async directory =>
    {
        await using var server = new RawHttpServer(HeadThenStall);
        using var client = ClientOf(server, options => options.Timeout = TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var path = Path.Combine(directory, "bill.csv");

        var call = toFile
            ? Run(sync, () => client.DownloadToFile(TokenTarget, path, null, cancel.Token), () => client.DownloadToFileAsync(TokenTarget, path, null, cancel.Token))
            : Run(sync, () => client.Download(TokenTarget, Stream.Null, null, cancel.Token), () => client.DownloadAsync(TokenTarget, Stream.Null, null, cancel.Token));
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(5))) == call;

        Assert.That(finished, Is.True, "cancelled well within the 30 s timeout");
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Directory.GetFileSystemEntries(directory), Is.Empty);
    });

    /// <summary>64 MiB of zeros, gzipped: about 65 KB, a thousandfold smaller, as a decompression bomb is.</summary>
    private static readonly Lazy<(byte[] Gzip, long Length, string Sha1)> Bomb = new(() =>
    {
        const int length = 64 * 1024 * 1024;
        var zeros = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            for (var i = 0; i < length / zeros.Length; i++) gzip.Write(zeros);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        for (var i = 0; i < length / zeros.Length; i++) sha1.AppendData(zeros);
        return (output.ToArray(), length, Convert.ToHexStringLower(sha1.GetHashAndReset()));
    });

    /// <summary>Serves the gzip bomb, whole and promptly.</summary>
    private static async Task ServeBomb(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        var gzip = Bomb.Value.Gzip;
        await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/gzip"), ("Content-Length", gzip.Length.ToString(CultureInfo.InvariantCulture)), ("Connection", "close")], cancellationToken);
        await socket.SendAsync(gzip, SocketFlags.None, cancellationToken);
    }

    [Test]
    public async Task A_gzip_download_that_unpacks_past_MaxGunzipRatio_stops_writing_names_the_setting_and_succeeds_once_it_is_raised_async_and_sync([Values] bool sync)
    {
        var (gzip, length, sha1) = Bomb.Value;
        Assert.That(length / gzip.Length, Is.GreaterThan(1000), "a thousandfold");
        await using var server = new RawHttpServer(ServeBomb);
        var options = new DownloadOptions { HashType = "SHA1", HashValue = sha1, Gunzip = true };
        var destination = new CountingSink();

        using (var client = ClientOf(server, _ => { }))
        {
            var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => Run(sync, () => client.Download(TokenTarget, destination, options), () => client.DownloadAsync(TokenTarget, destination, options))))!;

            Assert.That(e.Message, Does.Contain("unpacks to more than MaxGunzipRatio (100) times the").And.Contain("past the 16,777,216 always allowed"));
            Assert.That(e.Message, Does.Contain($"stopped with {destination.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes written to the destination; discard them"));
            Assert.That(e.Message, Does.Contain("If the file is genuine, raise ClientOptions.MaxGunzipRatio."));
            Assert.That(destination.Length, Is.LessThanOrEqualTo(16 * 1024 * 1024), "nothing past the bound was written");
        }

        destination = new CountingSink();
        using (var raised = ClientOf(server, o => o.MaxGunzipRatio = 2000))
        {
            var result = await Run(sync, () => raised.Download(TokenTarget, destination, options), () => raised.DownloadAsync(TokenTarget, destination, options));

            Assert.That((result.Length, destination.Length, result.Digest), Is.EqualTo((length, length, sha1)), "the same download, whole and checked");
        }
    }

    /// <summary>A destination that only counts what it is given.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static readonly string[] OtherOrigins = ["port", "scheme", "host"];

    [Test]
    public async Task A_bill_download_url_on_another_origin_is_refused_naming_what_differs_and_what_was_expected_async_and_sync([ValueSource(nameof(OtherOrigins))] string differs, [Values] bool sync)
    {
        await using var server = await LoopbackServer.StartAsync();
        var port = server.BaseUri.Port;
        var (url, named) = differs switch
        {
            "port" => ($"http://127.0.0.1:{port + 1}/{TokenTarget}", $"its port is {port + 1}, not {port}"),
            "scheme" => ($"https://127.0.0.1:{port}/{TokenTarget}", "its scheme is https, not http"),
            _ => ($"http://localhost:{port}/{TokenTarget}", "its host is localhost, not 127.0.0.1"),
        };
        server.Answer = context => LoopbackServer.WriteSigned(context, 200, $"{{\"hash_type\":\"SHA1\",\"hash_value\":\"{BillSha1}\",\"download_url\":\"{url}\"}}");
        using var client = new WeChatPayClient(Fixtures.OverHttp(server.BaseUri));
        var bill = await client.SendAsync(HttpMethod.Get, "v3/bill/tradebill", new { query = new { bill_date = "2026-11-20" } });

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => Run(sync, () => client.DownloadBill(bill, Stream.Null), () => client.DownloadBillAsync(bill, Stream.Null))))!;

        Assert.That(e.Message, Does.Contain("download_url that cannot be followed"));
        Assert.That(e.Message, Does.Contain($"not on BaseUri's http://127.0.0.1:{port}: {named}."));
        Assert.That(e.Message, Does.Not.Contain(Token));
        Assert.That(server.Received.Select(r => r.RawTarget), Has.None.Contains("billdownload"), "nothing was sent to the other origin's path");
    }

    private static readonly string[] DownloadFailures = ["404", "digest mismatch", "timeout", "download timeout", "not gzip", "gzip bomb", "reset"];

    /// <summary>The misbehaviour of each failure, and what the request line that reached the server was.</summary>
    private static Func<string, Socket, CancellationToken, Task> Misbehaviour(string failure, List<string> requests) => async (requestLine, socket, cancellationToken) =>
    {
        lock (requests) requests.Add(requestLine);
        switch (failure)
        {
            case "404":
                var error = Encoding.UTF8.GetBytes("{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"下载链接已过期\"}");
                await RawHttpServer.WriteHeadAsync(socket, 404, [("Content-Type", "application/json"), ("Content-Length", error.Length.ToString(CultureInfo.InvariantCulture)), ("Request-ID", "08F78BB5A9")], cancellationToken);
                await socket.SendAsync(error, SocketFlags.None, cancellationToken);
                break;
            case "digest mismatch" or "not gzip":
                await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "8"), ("Connection", "close")], cancellationToken);
                await socket.SendAsync("tampered"u8.ToArray(), SocketFlags.None, cancellationToken);
                break;
            case "timeout":
                await HeadThenStall(requestLine, socket, cancellationToken);
                break;
            case "download timeout":
                await Trickle(requestLine, socket, cancellationToken);
                break;
            case "gzip bomb":
                await ServeBomb(requestLine, socket, cancellationToken);
                break;
            default:
                await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "text/csv"), ("Content-Length", "100")], cancellationToken);
                await socket.SendAsync("a,b,c"u8.ToArray(), SocketFlags.None, cancellationToken);
                RawHttpServer.Reset(socket);
                break;
        }
    };

    [Test]
    public async Task No_failure_of_a_download_shows_its_token_in_a_message_or_ToString_async_and_sync([ValueSource(nameof(DownloadFailures))] string failure, [Values] bool sync)
    {
        var requests = new List<string>();
        await using var server = new RawHttpServer(Misbehaviour(failure, requests));
        using var client = ClientOf(server, options => (options.Timeout, options.DownloadTimeout) = (TimeSpan.FromMilliseconds(500), failure == "download timeout" ? TimeSpan.FromSeconds(1) : ClientOptions.DefaultDownloadTimeout));
        var options = failure switch
        {
            "digest mismatch" => new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 },
            "not gzip" or "gzip bomb" => new DownloadOptions { Gunzip = true },
            _ => null,
        };

        var e = (await Assert.ThrowsAsync(Is.InstanceOf<WeChatPayException>(), () => Run(sync, () => client.Download(TokenTarget, new CountingSink(), options), () => client.DownloadAsync(TokenTarget, new CountingSink(), options))) as WeChatPayException)!;

        var texts = new (string What, string? Text)[]
        {
            ("Message", e.Message),
            ("ToString()", e.ToString()),
            ("Call", e.Call?.ToString()),
            ("Call.Response", e.Call?.Response?.ToString()),
            ("Response", (e as ApiException)?.Response.ToString() ?? (e as ResponseVerificationException)?.Response?.ToString()),
        };
        Assert.That(e.Call, Is.Not.Null);
        Assert.Multiple(() =>
        {
            foreach (var (what, text) in texts) Assert.That(text ?? "", Does.Not.Contain(Token), $"{failure}: {what}");
        });
        if (e is ApiException or TransportException) Assert.That(e.Message, Does.Contain("/v3/billdownload/file?token=…"), "the path is shown, the token's value elided");
        Assert.That(requests, Has.Some.Contains("/" + TokenTarget + " "), "the request itself carried the token");
        Assert.That(e.Call!.RequestTarget, Is.EqualTo("/" + TokenTarget), "the call's record keeps what was signed");
    }
}
