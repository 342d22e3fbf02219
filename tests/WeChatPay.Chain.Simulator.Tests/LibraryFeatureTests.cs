using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// The library's sensitive fields, media uploads and downloads against the simulator, end to end: what the client
/// encrypts, signs and checks is what the simulator decrypts, verifies and digests.
/// </summary>
public sealed class LibraryFeatureTests : SimulatorTest
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 42, 7, 0, 255];

    private WeChatPayClient _client = null!;

    [SetUp]
    public void CreateClient() => _client = Builder.Create(Server.Profile.ToClientOptions());

    [TearDown]
    public void DisposeClient() => _client.Dispose();

    [Test]
    public async Task A_sensitive_name_is_encrypted_by_the_client_and_the_echo_decrypts_with_its_key()
    {
        var response = await _client.SendAsync(HttpMethod.Post, "v3/profitsharing/receivers/add", new
        {
            json = new { appid = Receivers.AppId, type = "MERCHANT_ID", account = "1900000109", name = new Sensitive("示例商户全称"), relation_type = "STORE" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("示例商户全称"));
            Assert.That(_client.Decrypt(response.Json.Value<string>("name")!), Is.EqualTo("示例商户全称"));
            Assert.That(response.Header("Wechatpay-Serial"), Is.EqualTo(_client.EncryptionKeyId), "the answer is signed under the key the request named");
        });
    }

    [Test]
    public async Task A_client_that_knows_only_the_platform_certificate_encrypts_under_its_serial()
    {
        var options = Server.Profile.ToClientOptions();
        var serial = Server.Profile.PlatformCertificateSerial;
        options.Certs = new Dictionary<string, object> { [serial] = options.Certs[serial] };
        using var client = Builder.Create(options);

        dynamic wx = Builder.Factory(options);
        WeChatPayResponse response = await wx.V3.Profitsharing.Receivers.Add.PostAsync(new
        {
            json = new { appid = Receivers.AppId, type = "PERSONAL_OPENID", account = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", name = new Sensitive("张三"), relation_type = "USER" },
        });

        Assert.That(response.Header("Wechatpay-Serial"), Is.EqualTo(serial));
        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("张三"));
        Assert.That(client.Decrypt(response.Json.Value<string>("name")!), Is.EqualTo("张三"));
    }

    [Test]
    public async Task The_explicit_encrypt_helper_with_a_serial_header_works_for_ported_code()
    {
        await _client.SendAsync(HttpMethod.Post, "v3/profitsharing/receivers/add", new
        {
            json = new { appid = Receivers.AppId, type = "MERCHANT_ID", account = "1900000112", name = _client.Encrypt("移植代码"), relation_type = "BRAND" },
            headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = _client.EncryptionKeyId },
        });

        Assert.That(Server.ProfitSharingReceivers.Single().Name, Is.EqualTo("移植代码"));
    }

    [Test]
    public async Task A_sensitive_field_the_simulator_cannot_decrypt_surfaces_as_a_param_error()
    {
        var error = (await Assert.ThrowsAsync<ApiException>(() => _client.SendAsync(HttpMethod.Post, "v3/profitsharing/receivers/add", new
        {
            json = new { appid = Receivers.AppId, type = "MERCHANT_ID", account = "1900000109", name = "not encrypted", relation_type = "STORE" },
            headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = _client.EncryptionKeyId },
        })));

        Assert.That(error!.Code, Is.EqualTo("PARAM_ERROR"));
        Assert.That(error.Detail?["field"]?.Value<string>(), Is.EqualTo("name"));
    }

    [TestCase("v3/merchant/media/upload", "shelf.png", "media_id")]
    [TestCase("v3/merchant/media/video_upload", "clip.mp4", "media_id")]
    [TestCase("v3/marketing/favor/media/image-upload", "banner.jpg", "media_url")]
    [TestCase("v3/merchant-service/images/upload", "proof.bmp", "media_id")]
    public async Task A_media_file_is_uploaded_with_the_signature_over_its_meta(string path, string fileName, string answered)
    {
        var file = MediaFile.FromBytes(Png, fileName);

        var response = await _client.SendAsync(HttpMethod.Post, path, new { media = file });

        Assert.That(response.Json.Value<string>(answered), Is.Not.Null.And.Not.Empty);
        var uploaded = Server.UploadedMedia.Single();
        Assert.That((uploaded.Path, uploaded.FileName, uploaded.Sha256, uploaded.Length), Is.EqualTo(("/" + path, fileName, file.Sha256, (long)Png.Length)));
    }

    [Test]
    public async Task A_media_file_from_a_path_with_extra_meta_is_uploaded_through_the_chain()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "门店.jpg");
        await File.WriteAllBytesAsync(path, Png);
        dynamic wx = Builder.Factory(Server.Profile.ToClientOptions());

        WeChatPayResponse response = await wx.V3.Merchant.Media.Upload.PostAsync(new { media = MediaFile.FromPath(path, new { bank_type = "ICBC" }) });

        Assert.That(response.Json.Value<string>("media_id"), Does.StartWith("SIM"));
        Assert.That(Server.UploadedMedia.Single().FileName, Is.EqualTo("门店.jpg"));
    }

    [Test]
    public async Task A_media_file_an_api_does_not_take_surfaces_as_a_param_error()
    {
        var error = (await Assert.ThrowsAsync<ApiException>(() => _client.SendAsync(HttpMethod.Post, "v3/merchant/media/video_upload", new { media = MediaFile.FromBytes(Png, "shelf.png") })));

        Assert.That(error!.Detail?["field"]?.Value<string>(), Is.EqualTo("meta.filename"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_bill_downloads_with_its_digest_checked(bool gzip)
    {
        var bill = await _client.SendAsync(HttpMethod.Get, "v3/bill/tradebill", new { query = gzip ? (object)new { bill_date = Bills.Today(), tar_type = "GZIP" } : new { bill_date = Bills.Today() } });
        using var destination = new MemoryStream();

        var result = await _client.DownloadBillAsync(bill, destination, gunzip: gzip);

        Assert.Multiple(() =>
        {
            Assert.That(result.Digest, Is.EqualTo(bill.Json.Value<string>("hash_value")));
            Assert.That(result.Length, Is.EqualTo(destination.Length));
            Assert.That(Bills.Sha1(destination.ToArray()), Is.EqualTo(bill.Json.Value<string>("hash_value")));
            Assert.That(Bills.Lines(destination.ToArray())[0], Does.StartWith("交易时间,"));
        });
    }

    [Test]
    public async Task A_download_whose_digest_does_not_match_is_refused()
    {
        var bill = await _client.SendAsync(HttpMethod.Get, "v3/bill/fundflowbill", new { query = new { bill_date = Bills.Today(), account_type = "FEES" } });
        var wrong = Convert.ToHexStringLower(SHA1.HashData([1]));

        var error = (await Assert.ThrowsAsync<ResponseVerificationException>(() => _client.DownloadAsync(bill.Json.Value<string>("download_url")!, Stream.Null, new DownloadOptions { HashType = "SHA1", HashValue = wrong })));

        Assert.That(error!.Reason, Is.EqualTo(VerificationFailure.DigestMismatch));
    }

    [Test]
    public async Task A_download_of_an_unknown_token_surfaces_as_an_api_exception()
    {
        var error = (await Assert.ThrowsAsync<ApiException>(() => _client.DownloadAsync("v3/billdownload/file?token=NoSuchToken", Stream.Null)));

        Assert.That(error!.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }
}

/// <summary>A bill of several megabytes streamed to a file by the library, checked against its digest.</summary>
public sealed class LibraryLargeBillTests : SimulatorTest
{
    protected override void Configure(SimulatorSettings settings) => settings.SyntheticBillRows = 30_000;

    [Test]
    public async Task A_multi_megabyte_gzip_bill_streams_to_a_file_and_checks_out()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "bill.csv");
        var bill = await client.SendAsync(HttpMethod.Get, "v3/bill/tradebill", new { query = new { bill_date = Bills.Today(), bill_type = "ALL", tar_type = "GZIP" } });

        var result = await client.DownloadToFileAsync(bill.Json.Value<string>("download_url")!, path,
            new DownloadOptions { HashType = "SHA1", HashValue = bill.Json.Value<string>("hash_value"), Gunzip = true });

        Assert.That(result.Length, Is.GreaterThan(6 * 1024 * 1024));
        Assert.That(Bills.Sha1(await File.ReadAllBytesAsync(path)), Is.EqualTo(bill.Json.Value<string>("hash_value")));
    }
}
