using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>
/// <c>GET /v3/merchant-service/images/{media_id}</c>: a complaint image, asked for with a signed request and sent back
/// unsigned, downloaded through the library's <c>DownloadAsync</c>.
/// </summary>
public sealed class ComplaintImageTests : SimulatorTest
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    /// <summary>An image whose Base64 id holds a '/', so only a percent-encoded path reaches it.</summary>
    private ComplaintImage ImageWithSlashInItsId()
    {
        for (var i = 0; i < 200; i++)
        {
            var image = Server.AddComplaintImage(Png, "photo.png");
            if (image.MediaId.Contains('/')) return image;
        }
        throw new AssertionException("No media id with a '/' in 200 tries.");
    }

    [Test]
    public async Task A_complaint_image_downloads_unsigned_through_the_library()
    {
        var image = ImageWithSlashInItsId();
        using var client = Builder.Create(Server.Profile.ToClientOptions());
        using var downloaded = new MemoryStream();

        var result = await client.DownloadAsync(image.MediaUrl.ToString(), downloaded);

        Assert.Multiple(() =>
        {
            Assert.That(image.MediaUrl.AbsolutePath, Does.StartWith("/v3/merchant-service/images/").And.Contain("%2F"));
            Assert.That(downloaded.ToArray(), Is.EqualTo(Png));
            Assert.That(result.Length, Is.EqualTo(Png.Length));
            Assert.That(result.RequestId, Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public async Task The_image_answer_carries_no_signature_and_its_content_type()
    {
        var image = Server.AddComplaintImage(Png, "photo.png");

        var answer = await Merchant.GetAsync(image.MediaUrl.PathAndQuery);

        Assert.Multiple(() =>
        {
            Assert.That((int)answer.Status, Is.EqualTo(200));
            Assert.That(answer.Body, Is.EqualTo(Png));
            Assert.That(answer.Header("Content-Type"), Is.EqualTo("image/png"));
            Assert.That(answer.Header("Wechatpay-Signature"), Is.Null);
            Assert.That(answer.Header("Wechatpay-Serial"), Is.Null);
        });
    }

    [Test]
    public async Task A_request_for_an_image_must_be_signed()
    {
        var image = Server.AddComplaintImage(Png, "photo.png");

        var answer = await Merchant.GetAsync(image.MediaUrl.PathAndQuery, parts => parts.AlterSignature = _ => "AAAA");

        Assert.That((int)answer.Status, Is.EqualTo(401));
        Assert.That(answer.Code, Is.EqualTo("SIGN_ERROR"));
    }

    [Test]
    public async Task An_unknown_image_is_404_resource_not_exists()
    {
        using var client = Builder.Create(Server.Profile.ToClientOptions());

        var error = (await Assert.ThrowsAsync<ApiException>(() => client.DownloadAsync("v3/merchant-service/images/" + Uri.EscapeDataString("bm8+c3VjaC9pbWFnZQ=="), new MemoryStream())));

        Assert.That((int)error!.StatusCode, Is.EqualTo(404));
        Assert.That(error.Code, Is.EqualTo("RESOURCE_NOT_EXISTS"));
    }

    [Test]
    public async Task The_control_endpoint_attaches_an_image_for_download()
    {
        using var content = new ByteArrayContent(Png);
        using var added = await Merchant.Http.PostAsync("/simulator/complaint-images?filename=shelf.png", content);
        var json = await added.Content.ReadFromJsonAsync<JsonObject>();
        using var client = Builder.Create(Server.Profile.ToClientOptions());
        using var downloaded = new MemoryStream();

        await client.DownloadAsync(json!["media_url"]!.GetValue<string>(), downloaded);

        Assert.That((int)added.StatusCode, Is.EqualTo(200));
        Assert.That(downloaded.ToArray(), Is.EqualTo(Png));
    }

    [Test]
    public async Task The_control_endpoint_refuses_a_file_that_is_not_an_image()
    {
        using var content = new ByteArrayContent(Png);
        using var added = await Merchant.Http.PostAsync("/simulator/complaint-images?filename=shelf.txt", content);
        var json = await added.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That((int)added.StatusCode, Is.EqualTo(400));
        Assert.That(json!["detail"]!["field"]!.GetValue<string>(), Is.EqualTo("filename"));
    }
}
