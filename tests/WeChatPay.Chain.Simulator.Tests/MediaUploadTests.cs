using System.Net.Http.Headers;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests;

public sealed class MediaUploadTests : SimulatorTest
{
    private const string ImageUpload = "/v3/merchant/media/upload";
    private const string VideoUpload = "/v3/merchant/media/video_upload";
    private const string MarketingUpload = "/v3/marketing/favor/media/image-upload";
    private const string ComplaintUpload = "/v3/merchant-service/images/upload";

    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3];

    private static void AssertParamError(ApiAnswer answer, string field)
    {
        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
            Assert.That(answer.Code, Is.EqualTo("PARAM_ERROR"));
            Assert.That(answer.Json["detail"]?["field"]?.GetValue<string>(), Is.EqualTo(field), answer.ToString());
        });
    }

    [TestCase(ImageUpload, "shelf.png")]
    [TestCase(VideoUpload, "clip.mp4")]
    [TestCase(ComplaintUpload, "proof.JPG")]
    public async Task An_upload_signed_over_its_meta_is_accepted_and_answers_a_media_id(string path, string fileName)
    {
        var answer = await Merchant.UploadAsync(path, MultipartBody.Upload(Png, fileName));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        answer.Verify(Verifier());
        var mediaId = answer.Json["media_id"]!.GetValue<string>();
        Assert.That(Server.UploadedMedia, Is.EqualTo(new[] { new UploadedMediaView(path, mediaId, null, fileName, MultipartBody.Sha256(Png), Png.Length) }));
    }

    [Test]
    public async Task A_complaint_image_id_is_hex_with_the_file_extension_as_that_api_answers()
    {
        var answer = await Merchant.UploadAsync(ComplaintUpload, MultipartBody.Upload(Png, "proof.PNG"));

        Assert.That(answer.Json["media_id"]!.GetValue<string>(), Does.Match("^[0-9A-F]{32}\\.png$"));
    }

    [Test]
    public async Task A_marketing_image_answers_a_media_url_that_serves_the_image_on_loopback()
    {
        var answer = await Merchant.UploadAsync(MarketingUpload, MultipartBody.Upload(Png, "banner.png"));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        var url = new Uri(answer.Json["media_url"]!.GetValue<string>());
        Assert.That(url.GetLeftPart(UriPartial.Authority) + "/", Is.EqualTo(Server.BaseUri.ToString()));
        using var image = await Merchant.Http.GetAsync(url);
        Assert.That(await image.Content.ReadAsByteArrayAsync(), Is.EqualTo(Png));
        Assert.That(image.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        Assert.That(Server.UploadedMedia.Single().MediaUrl, Is.EqualTo(url));
    }

    [Test]
    public async Task A_signature_over_other_meta_is_a_sign_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png");

        var answer = await Merchant.UploadAsync(ImageUpload, body, parts => parts.SignedBody = Encoding.UTF8.GetBytes(MultipartBody.MetaFor(Png, "other.png")));

        Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
        Assert.That(answer.Code, Is.EqualTo("SIGN_ERROR"));
        Assert.That(Server.UploadedMedia, Is.Empty);
    }

    [Test]
    public async Task A_signature_over_the_whole_multipart_body_is_a_sign_error_that_shows_the_meta_to_sign()
    {
        var body = MultipartBody.Upload(Png, "shelf.png");

        var answer = await Merchant.UploadAsync(ImageUpload, body, parts => parts.SignedBody = body.ToBytes());

        Assert.That((int)answer.Status, Is.EqualTo(401), answer.ToString());
        var expected = answer.Json["detail"]!["sign_information"]!["truncated_sign_message"]!.GetValue<string>();
        Assert.That(expected, Does.EndWith("\n" + MultipartBody.MetaFor(Png, "shelf.png") + "\n"));
    }

    [Test]
    public async Task Meta_signed_exactly_as_sent_is_accepted_whatever_its_spacing_and_extra_fields()
    {
        var meta = $"{{ \"sha256\" : \"{MultipartBody.Sha256(Png).ToUpperInvariant()}\",\n  \"filename\" : \"shelf.bmp\", \"bank_type\": \"ICBC\" }}";

        var answer = await Merchant.UploadAsync(ImageUpload, new MultipartBody().Meta(meta).File(Png, "whatever.bin"));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(Server.UploadedMedia.Single().FileName, Is.EqualTo("shelf.bmp"));
    }

    [Test]
    public async Task A_sha256_that_does_not_match_the_file_is_a_param_error_naming_sha256()
    {
        var body = new MultipartBody().Meta(MultipartBody.MetaFor([1, 2, 3], "shelf.png")).File(Png, "shelf.png");

        var answer = await Merchant.UploadAsync(ImageUpload, body);

        AssertParamError(answer, "meta.sha256");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain(MultipartBody.Sha256(Png)));
        Assert.That(Server.UploadedMedia, Is.Empty);
    }

    [TestCase("abc")]
    [TestCase("zz3f4036a1164d1ddbad5b3edf9022addb3e1961a54a922708a6c1ffc49e5489")]
    public async Task A_sha256_that_is_not_64_hex_digits_is_a_param_error(string digest)
    {
        var body = new MultipartBody().Meta($"{{\"filename\":\"shelf.png\",\"sha256\":\"{digest}\"}}").File(Png, "shelf.png");

        AssertParamError(await Merchant.UploadAsync(ImageUpload, body), "meta.sha256");
    }

    [TestCase(ImageUpload, "anim.gif")]
    [TestCase(ImageUpload, "clip.mp4")]
    [TestCase(VideoUpload, "shelf.png")]
    [TestCase(MarketingUpload, "noextension")]
    public async Task A_file_name_with_an_extension_the_api_does_not_take_is_a_param_error(string path, string fileName)
    {
        AssertParamError(await Merchant.UploadAsync(path, MultipartBody.Upload(Png, fileName)), "meta.filename");
    }

    [TestCase(ImageUpload, "big.jpg", 2 * 1024 * 1024)]
    [TestCase(VideoUpload, "big.mp4", 5 * 1024 * 1024)]
    public async Task A_file_at_the_limit_is_accepted_and_one_byte_more_is_refused(string path, string fileName, int limit)
    {
        var atLimit = new byte[limit];
        var overLimit = new byte[limit + 1];

        var accepted = await Merchant.UploadAsync(path, MultipartBody.Upload(atLimit, fileName));
        var refused = await Merchant.UploadAsync(path, MultipartBody.Upload(overLimit, fileName));

        Assert.That((int)accepted.Status, Is.EqualTo(200), accepted.ToString());
        AssertParamError(refused, "file");
    }

    [Test]
    public async Task An_empty_file_is_a_param_error()
    {
        AssertParamError(await Merchant.UploadAsync(ImageUpload, MultipartBody.Upload([], "empty.png")), "file");
    }

    [Test]
    public async Task A_missing_file_part_is_a_param_error()
    {
        AssertParamError(await Merchant.UploadAsync(ImageUpload, new MultipartBody().Meta(MultipartBody.MetaFor(Png, "shelf.png"))), "file");
    }

    [Test]
    public async Task A_missing_meta_part_is_a_param_error()
    {
        var body = new MultipartBody().File(Png, "shelf.png");

        AssertParamError(await Merchant.UploadAsync(ImageUpload, body, parts => parts.SignedBody = []), "meta");
    }

    [TestCase("not json")]
    [TestCase("[\"shelf.png\"]")]
    [TestCase("{\"sha256\":\"ff3f4036a1164d1ddbad5b3edf9022addb3e1961a54a922708a6c1ffc49e5489\"}")]
    public async Task Meta_that_is_not_an_object_with_a_filename_is_a_param_error(string meta)
    {
        var answer = await Merchant.UploadAsync(ImageUpload, new MultipartBody().Meta(meta).File(Png, "shelf.png"));

        Assert.That((int)answer.Status, Is.EqualTo(400), answer.ToString());
        Assert.That(answer.Json["detail"]!["field"]!.GetValue<string>(), Does.StartWith("meta"));
    }

    [Test]
    public async Task A_json_body_on_an_upload_api_is_a_param_error()
    {
        var answer = await Merchant.PostAsync(ImageUpload, new { filename = "shelf.png", sha256 = MultipartBody.Sha256(Png) });

        AssertParamError(answer, "Content-Type");
    }

    [Test]
    public async Task A_body_without_its_closing_delimiter_is_a_param_error()
    {
        var answer = await Merchant.UploadAsync(ImageUpload, MultipartBody.Upload(Png, "shelf.png"), close: false);

        AssertParamError(answer, "multipart");
        Assert.That(answer.Json["message"]!.GetValue<string>(), Does.Contain("closing"));
    }

    [Test]
    public async Task A_body_that_does_not_start_with_the_delimiter_is_a_param_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png");
        var bytes = Encoding.ASCII.GetBytes("preamble\r\n").Concat(body.ToBytes()).ToArray();

        var answer = await Merchant.SendRawAsync(HttpMethod.Post, ImageUpload, bytes, body.ContentType, body.MetaBytes!);

        AssertParamError(answer, "multipart");
    }

    [Test]
    public async Task A_content_type_without_a_boundary_is_a_param_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png");

        var answer = await Merchant.SendRawAsync(HttpMethod.Post, ImageUpload, body.ToBytes(), "multipart/form-data", body.MetaBytes!);

        AssertParamError(answer, "multipart");
    }

    [Test]
    public async Task A_body_cut_by_another_boundary_is_a_param_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png");

        var answer = await Merchant.SendRawAsync(HttpMethod.Post, ImageUpload, body.ToBytes(), "multipart/form-data; boundary=not-the-one-used", body.MetaBytes!);

        AssertParamError(answer, "multipart");
    }

    [Test]
    public async Task A_part_name_used_twice_is_a_param_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png").File(Png, "again.png");

        AssertParamError(await Merchant.UploadAsync(ImageUpload, body), "multipart");
    }

    [Test]
    public async Task A_part_without_content_disposition_is_a_param_error()
    {
        var body = MultipartBody.Upload(Png, "shelf.png").Part("Content-Type: text/plain", [1]);

        AssertParamError(await Merchant.UploadAsync(ImageUpload, body), "multipart");
    }

    [Test]
    public async Task The_multipart_body_of_dotnet_MultipartFormDataContent_is_read()
    {
        var file = Encoding.ASCII.GetBytes("--not-a-boundary\r\n--still not\r\n");
        var meta = MultipartBody.MetaFor(file, "收据.jpg");
        using var content = new MultipartFormDataContent();
        var metaContent = new StringContent(meta, Encoding.UTF8, "application/json");
        content.Add(metaContent, "meta");
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(fileContent, "file", "收据.jpg");
        var bytes = await content.ReadAsByteArrayAsync();

        var answer = await Merchant.SendRawAsync(HttpMethod.Post, ImageUpload, bytes, content.Headers.ContentType!.ToString(), Encoding.UTF8.GetBytes(meta));

        Assert.That((int)answer.Status, Is.EqualTo(200), answer.ToString());
        Assert.That(Server.UploadedMedia.Single(), Is.EqualTo(Server.UploadedMedia.Single() with { FileName = "收据.jpg", Sha256 = MultipartBody.Sha256(file), Length = file.Length }));
    }

    [Test]
    public async Task A_get_on_an_upload_api_is_405()
    {
        var answer = await Merchant.GetAsync(ImageUpload);

        Assert.That((int)answer.Status, Is.EqualTo(405), answer.ToString());
    }
}
