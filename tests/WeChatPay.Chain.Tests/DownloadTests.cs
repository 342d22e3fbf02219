using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public partial class DownloadTests : StubbedClientTest
{
    private static readonly byte[] Bill = Encoding.UTF8.GetBytes("交易时间,公众账号ID,商户号\n`2026-11-20 10:00:00,`wxd678efh567hg6787,`1900000001\n总交易单数,应结订单总金额\n`1,`12.00\n");
    private static readonly string BillSha1 = Convert.ToHexStringLower(SHA1.HashData(Bill));


    private static HttpResponseMessage File(byte[] content) => new(HttpStatusCode.OK) { Content = new ByteArrayContent(content) };

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    private Task<DownloadResult> Download(bool sync, string url, Stream destination, DownloadOptions? options = null) => Download(Client, sync, url, destination, options);

    private static Task<DownloadResult> Download(WeChatPayClient client, bool sync, string url, Stream destination, DownloadOptions? options = null)
        => sync ? Task.FromResult(client.Download(url, destination, options)) : client.DownloadAsync(url, destination, options);

    private Task<DownloadResult> DownloadToFile(bool sync, string url, string path, DownloadOptions? options = null)
        => sync ? Task.FromResult(Client.DownloadToFile(url, path, options)) : Client.DownloadToFileAsync(url, path, options);

    private Task<DownloadResult> DownloadBill(bool sync, WeChatPayResponse bill, Stream destination)
        => sync ? Task.FromResult(Client.DownloadBill(bill, destination)) : Client.DownloadBillAsync(bill, destination);

    private static bool SentSynchronously(bool sync) => sync && LibraryBuild.SendsSynchronously;

    [Test]
    public async Task A_bill_is_followed_from_its_download_url_and_checked_against_its_digest([Values] bool sync)
    {
        Stub.Respond = seen => seen.Target.StartsWith("/v3/bill/tradebill", StringComparison.Ordinal)
            ? StubHandler.Signed(HttpStatusCode.OK, $"{{\"hash_type\":\"SHA1\",\"hash_value\":\"{BillSha1.ToUpperInvariant()}\",\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO\"}}")
            : File(Bill);
        var query = new { query = new { bill_date = "2026-11-20", bill_type = "ALL" } };
        dynamic wx = Client.Root;
        WeChatPayResponse bill = sync ? Client.Send(HttpMethod.Get, "v3/bill/tradebill", query) : await wx.V3.Bill.Tradebill.GetAsync(query);
        using var destination = new MemoryStream();
        var result = await DownloadBill(sync, bill, destination);

        Assert.That(destination.ToArray(), Is.EqualTo(Bill));
        Assert.That(result.Length, Is.EqualTo(Bill.Length));
        Assert.That(result.Digest, Is.EqualTo(BillSha1));
        Assert.That(result.RequestId, Is.Null, "the file answer carries no Request-ID");
        var download = Stub.Last;
        Assert.That(download.Target, Is.EqualTo("/v3/billdownload/file?token=6XIv5TUPto7pByrTQKhd6kwvyKLG2uY2wMMR8cNXqaA_Cv_isgaUtBzp4QtiozLO"));
        Assert.That(download.Header("Authorization"), Does.StartWith("WECHATPAY2-SHA256-RSA2048 "), "the download request is signed");
        Assert.That(download.Synchronous, Is.EqualTo(SentSynchronously(sync)), "sent with the synchronous send where the build has one");
    }

    private async Task<WeChatPayResponse> BillResponse(string json)
    {
        Stub.Respond = seen => seen.Target.StartsWith("/v3/bill/tradebill", StringComparison.Ordinal)
            ? StubHandler.Signed(HttpStatusCode.OK, json)
            : File(Bill);
        return await Client.SendAsync(HttpMethod.Get, "v3/bill/tradebill", new { query = new { bill_date = "2026-11-20" } });
    }

    [Test]
    public async Task A_bill_response_without_its_digest_is_refused_before_downloading([Values("hash_type", "hash_value")] string missing, [Values] bool sync)
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

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => DownloadBill(sync, bill, destination)));

        Assert.That(e!.Message, Does.Contain($"has no {missing}"));
        Assert.That(Stub.Seen.Select(s => s.Target), Has.None.StartsWith("/v3/billdownload/"), "nothing was downloaded");
        Assert.That(destination.Length, Is.Zero);
    }

    [Test]
    public async Task A_bill_response_naming_an_unknown_digest_is_refused_naming_it([Values("MD5", "", "  ")] string hashType, [Values] bool sync)
    {
        var bill = await BillResponse($"{{\"hash_type\":\"{hashType}\",\"hash_value\":\"{BillSha1}\",\"download_url\":\"https://api.mch.weixin.qq.com/v3/billdownload/file?token=x\"}}");

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => DownloadBill(sync, bill, Stream.Null)));

        Assert.That(e!.Message, Does.Contain(hashType.Trim().Length > 0 ? "\"MD5\"" : "has no hash_type"));
        Assert.That(Stub.Seen.Select(s => s.Target), Has.None.StartsWith("/v3/billdownload/"));
    }

    [Test]
    public async Task A_gzip_bill_is_unpacked_and_its_digest_is_over_the_unpacked_file([Values] bool sync)
    {
        Stub.Respond = _ => File(Gzip(Bill));
        using var destination = new MemoryStream();

        var result = await Download(sync, "v3/billdownload/file?token=x", destination, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1, Gunzip = true });

        Assert.That(destination.ToArray(), Is.EqualTo(Bill));
        Assert.That(result.Length, Is.EqualTo(Bill.Length), "the length is of the unpacked file");
    }

    [Test]
    public async Task A_digest_mismatch_is_a_verification_failure([Values] bool sync)
    {
        Stub.Respond = _ => File([.. Bill, (byte)'x']);
        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => Download(sync, "v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 })));
        Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
    }

    [Test]
    public async Task Not_gzip_data_with_gunzip_is_a_format_error([Values] bool sync)
    {
        Stub.Respond = _ => File(Bill);
        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => Download(sync, "v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { Gunzip = true })));
        Assert.That(e!.Message, Does.Contain("is not gzip data"));
    }

    [Test]
    public async Task A_file_download_lands_only_when_complete_and_correct([Values] bool sync) => await InTemporaryDirectory(async directory =>
    {
        var target = Path.Combine(directory, "bill.csv");
        Stub.Respond = _ => File(Bill);
        var result = await DownloadToFile(sync, "v3/billdownload/file?token=x", target, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 });
        Assert.That(await System.IO.File.ReadAllBytesAsync(target), Is.EqualTo(Bill));
        Assert.That(result.Digest, Is.EqualTo(BillSha1));

        var other = Path.Combine(directory, "bad.csv");
        Stub.Respond = _ => File(Encoding.UTF8.GetBytes("tampered"));
        await Assert.ThrowsAsync<ResponseVerificationException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", other, new DownloadOptions { HashType = "SHA1", HashValue = BillSha1 }));
        Assert.That(Directory.GetFiles(directory).Select(Path.GetFileName), Is.EqualTo(new[] { "bill.csv" }), "no partial or bad file left");
        Assert.That(Stub.Seen.Select(s => s.Synchronous), Is.All.EqualTo(SentSynchronously(sync)));
    });

    [Test]
    public async Task A_complaint_image_downloads_unsigned_without_buffering_into_a_response([Values] bool sync)
    {
        var image = RandomNumberGenerator.GetBytes(300_000);
        Stub.Respond = _ => File(image);
        using var destination = new MemoryStream();

        var result = await Download(sync, "v3/merchant-service/images/ChsyMDAwMDAwMjAyMTA4MjUyMDAwMDAwMDAwMDAwMDAw", destination);

        Assert.That(destination.ToArray(), Is.EqualTo(image));
        Assert.That(result.Length, Is.EqualTo(image.Length));
        Assert.That(result.Digest, Is.Null);
    }

    [Test]
    public async Task A_large_download_streams_without_holding_the_file_in_memory([Values] bool sync)
    {
        const long size = 64L * 1024 * 1024;
        Stub.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new PatternStream(size)) };
        using var hash = SHA1.Create();
        await using var destination = new CryptoStream(Stream.Null, hash, CryptoStreamMode.Write);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await Download(sync, "v3/billdownload/file?token=big", destination, new DownloadOptions { HashType = "SHA1" });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await destination.FlushFinalBlockAsync();

        Assert.That(result.Length, Is.EqualTo(size));
        Assert.That(result.Digest, Is.EqualTo(Convert.ToHexStringLower(hash.Hash!)));
        Assert.That(allocated, Is.LessThan(size / 16), $"{allocated} bytes allocated for a {size}-byte download");
    }

    /// <summary>A long, cheap, deterministic stream that never exists in memory as a whole.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)((_position + i) * 31 % 251);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public async Task Error_answers_to_a_download_are_api_errors([Values] bool sync)
    {
        Stub.Respond = _ => StubHandler.Plain(HttpStatusCode.BadRequest, "{\"code\":\"INVALID_REQUEST\",\"message\":\"token expired\"}");
        var e = (await Assert.ThrowsAsync<ApiException>(() => Download(sync, "v3/billdownload/file?token=old", Stream.Null)));
        Assert.That(e!.Code, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task Urls_on_other_hosts_are_refused_so_signatures_never_leave_the_api_host([Values] bool sync)
    {
        await Assert.ThrowsAsync<RequestOptionsException>(() => Download(sync, "https://evil.example/v3/billdownload/file?token=x", Stream.Null));
        await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "https://evil.example/v3/billdownload/file?token=x", Path.Combine(Path.GetTempPath(), "never.csv")));
        await Assert.ThrowsAsync<RequestOptionsException>(() => Download(sync, "v3/billdownload/file?token=x", Stream.Null, new DownloadOptions { HashType = "MD5", HashValue = "x" }));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public async Task Paths_with_dot_segments_are_refused_so_an_unsigned_rule_never_covers_another_path([Values] bool sync)
    {
        await Assert.ThrowsAsync<RequestOptionsException>(() => Download(sync, "v3/merchant-service/images/..", Stream.Null));
        await Assert.ThrowsAsync<RequestOptionsException>(() => Download(sync, "https://api.mch.weixin.qq.com/v3/billdownload/%2e%2e/pay/transactions/id/1", Stream.Null));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public async Task Signed_paths_downloaded_are_still_verified([Values] bool sync)
    {
        Stub.Respond = _ => File(Bill);
        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => Download(sync, "v3/bill/tradebill?bill_date=2026-11-20", Stream.Null)));
        Assert.That(e!.Reason, Is.EqualTo(VerificationFailure.MissingHeader));

        Stub.Respond = _ => StubHandler.Signed(HttpStatusCode.OK, "{\"download_url\":\"x\"}");
        using var destination = new MemoryStream();
        await Download(sync, "v3/bill/tradebill?bill_date=2026-11-20", destination);
        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo("{\"download_url\":\"x\"}"), "a signed answer that verifies is written");
    }

    [Test]
    public async Task A_bill_response_with_a_blank_field_is_refused_before_downloading_async_and_sync([Values("download_url", "hash_type", "hash_value")] string blank, [Values] bool sync)
    {
        var fields = new Newtonsoft.Json.Linq.JObject
        {
            ["hash_type"] = "SHA1",
            ["hash_value"] = BillSha1,
            ["download_url"] = "https://api.mch.weixin.qq.com/v3/billdownload/file?token=x",
        };
        fields[blank] = " ";
        var bill = await BillResponse(fields.ToString());

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => DownloadBill(sync, bill, Stream.Null)))!;

        Assert.That(e.Message, Does.Contain($"has no {blank}"));
        Assert.That(Stub.Seen.Select(s => s.Target), Has.None.StartsWith("/v3/billdownload/"), "nothing was downloaded");
    }

    private static readonly (string Url, string Named)[] UnfollowableUrls =
    [
        ("https://api.mch.weixin.qq.com:99999/v3/billdownload/file?token=x", "Invalid"),
        ("https://evil.example/v3/billdownload/file?token=x", "evil.example"),
        ("https://api.mch.weixin.qq.com/v3/billdownload/../pay/transactions/id/1", ".."),
    ];

    [Test]
    public async Task A_bill_response_whose_download_url_cannot_be_followed_is_a_format_error_async_and_sync([ValueSource(nameof(UnfollowableUrls))] (string Url, string Named) download, [Values] bool sync)
    {
        var bill = await BillResponse($"{{\"hash_type\":\"SHA1\",\"hash_value\":\"{BillSha1}\",\"download_url\":\"{download.Url}\"}}");

        var e = (await Assert.ThrowsAsync<ResponseFormatException>(() => DownloadBill(sync, bill, Stream.Null)))!;

        Assert.That(e.Message, Does.Contain("download_url that cannot be followed").And.Contain(download.Named));
        Assert.That(Stub.Seen.Select(s => s.Target), Has.None.StartsWith("/v3/billdownload/"), "nothing was downloaded");
    }

    [Test]
    public async Task A_blank_or_malformed_download_url_is_an_options_error_before_anything_is_sent_async_and_sync([Values("", "   ", "https://api.mch.weixin.qq.com:99999/v3/billdownload/file?token=x")] string url, [Values] bool sync)
    {
        await Assert.ThrowsAsync<RequestOptionsException>(() => Download(sync, url, Stream.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Download(sync, null!, Stream.Null));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public async Task A_null_file_path_is_refused_before_anything_is_sent_async_and_sync([Values] bool sync)
    {
        Stub.Respond = _ => File(Bill);

        var e = (await Assert.ThrowsAsync<ArgumentNullException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", null!)))!;

        Assert.That(e.ParamName, Is.EqualTo("path"));
        Assert.That(Stub.Seen, Is.Empty, "nothing was downloaded for a file that cannot be named");
    }

    [Test]
    public async Task A_blank_file_path_is_refused_before_anything_is_sent_async_and_sync([Values("", "  ")] string path, [Values] bool sync)
    {
        Stub.Respond = _ => File(Bill);

        var e = (await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", path)))!;

        Assert.That(e.Message, Does.Contain("path is empty"));
        Assert.That(Stub.Seen, Is.Empty);
    }

    /// <summary>Runs <paramref name="test"/> with a fresh temporary directory, removed afterwards.</summary>
    private static async Task InTemporaryDirectory(Func<string, Task> test)
    {
        var directory = Directory.CreateTempSubdirectory("wxpay-download-").FullName;
        try
        {
            await test(directory);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_file_in_a_missing_directory_is_refused_naming_it_before_anything_is_sent_async_and_sync([Values] bool sync) => await InTemporaryDirectory(async directory =>
    {
        var target = Path.Combine(directory, "missing", "bill.csv");
        Stub.Respond = _ => File(Bill);

        var e = (await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", target)))!;

        Assert.That(e.Message, Does.Contain(target));
        Assert.That(e.InnerException, Is.InstanceOf<DirectoryNotFoundException>());
        Assert.That(Stub.Seen, Is.Empty);
    });

    [Test]
    public async Task A_file_path_that_is_a_directory_is_refused_before_anything_is_sent_async_and_sync([Values] bool sync) => await InTemporaryDirectory(async directory =>
    {
        Stub.Respond = _ => File(Bill);

        var e = (await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", directory)))!;

        Assert.That(e.Message, Does.Contain($"{directory} is a directory"));
        Assert.That(Stub.Seen, Is.Empty);
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(directory)!, Path.GetFileName(directory) + ".*.partial"), Is.Empty);
    });

    [Test]
    public async Task A_download_that_cannot_be_put_in_place_is_an_options_error_and_leaves_no_partial_file_async_and_sync([Values] bool sync) => await InTemporaryDirectory(async directory =>
    {
        var target = Path.Combine(directory, "bill.csv");
        // The path becomes a directory while the file downloads: only the final move can find out.
        Stub.Respond = _ =>
        {
            Directory.CreateDirectory(Path.Combine(target, "taken"));
            return File(Bill);
        };

        var e = (await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", target)))!;

        Assert.That(e.Message, Does.Contain($"cannot be put in place as {target}"));
        Assert.That(e.InnerException, Is.InstanceOf<IOException>());
        Assert.That(Directory.GetFileSystemEntries(directory).Select(Path.GetFileName), Is.EqualTo(new[] { "bill.csv" }), "no partial file left beside it");
        Assert.That(Stub.Seen, Has.Count.EqualTo(1));
    });

    [Test]
    public async Task A_directory_removed_during_a_download_gives_the_move_error_not_the_clean_up_error_async_and_sync([Values] bool sync) => await InTemporaryDirectory(async directory =>
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Windows does not remove a directory holding an open file.");
        var target = Path.Combine(directory, "sub", "bill.csv");
        Stub.Respond = _ =>
        {
            Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
            return File(Bill);
        };

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var e = (await Assert.ThrowsAsync<RequestOptionsException>(() => DownloadToFile(sync, "v3/billdownload/file?token=x", target)))!;

        Assert.That(e.Message, Does.Contain($"cannot be put in place as {target}"));
    });
}
