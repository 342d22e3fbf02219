using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Crypto;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class MediaUploadTests : StubbedClientTest
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13, 1, 2, 3];

    [SetUp]
    public void AnswerWithAMediaId() => Stub.Respond = _ => StubHandler.Signed(System.Net.HttpStatusCode.OK, "{\"media_id\":\"H1ihR9JfQ\"}");

    private static async Task<List<(string Disposition, string? ContentType, byte[] Data)>> Parts(SeenRequest seen)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(seen.Header("Content-Type")).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(seen.Body));
        var parts = new List<(string, string?, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            using var data = new MemoryStream();
            await section.Body.CopyToAsync(data);
            parts.Add((section.ContentDisposition!, section.ContentType, data.ToArray()));
        }
        return parts;
    }

    [Test]
    public async Task An_upload_is_multipart_with_meta_and_file_and_the_signature_covers_the_meta()
    {
        dynamic wx = Client.Root;
        WeChatPayResponse r = await wx.V3.Merchant.Media.Upload.PostAsync(new { media = MediaFile.FromBytes(Png, "logo.png") });
        Assert.That((string?)r.Json["media_id"], Is.EqualTo("H1ihR9JfQ"));

        var seen = Stub.Last;
        Assert.That(seen.Header("Content-Type"), Does.StartWith("multipart/form-data; boundary="));
        var parts = await Parts(seen);
        Assert.That(parts, Has.Count.EqualTo(2));
        var meta = Encoding.UTF8.GetString(parts[0].Data);
        Assert.That(parts[0].Disposition, Is.EqualTo("form-data; name=\"meta\""));
        Assert.That(parts[0].ContentType, Is.EqualTo("application/json"));
        Assert.That(meta, Is.EqualTo($"{{\"filename\":\"logo.png\",\"sha256\":\"{Convert.ToHexStringLower(SHA256.HashData(Png))}\"}}"));
        Assert.That(parts[1].Disposition, Is.EqualTo("form-data; name=\"file\"; filename=\"logo.png\""));
        Assert.That(parts[1].ContentType, Is.EqualTo("image/png"));
        Assert.That(parts[1].Data, Is.EqualTo(Png));

        Assert.That(AuthorizationHeader.TryParse(seen.Header("Authorization"), out var auth, out _), Is.True);
        var signed = Encoding.UTF8.GetBytes($"POST\n/v3/merchant/media/upload\n{auth!.Timestamp}\n{auth.Nonce}\n{meta}\n");
        Assert.That(Fixtures.MerchantKey.Value.VerifyData(signed, Convert.FromBase64String(auth.Signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);
    }

    [Test]
    public async Task Custom_meta_fields_are_sent_and_signed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clip-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, Png);
        try
        {
            var file = MediaFile.FromPath(path, new { bank_type = "CMB" });
            Assert.That(file.Meta, Does.Contain("\"bank_type\":\"CMB\"").And.StartWith("{\"filename\":\"clip-"));
            Client.Send(HttpMethod.Post, "v3/merchant/media/video_upload", new { media = file });
            var seen = Stub.Last;
            var parts = await Parts(seen);
            var sentMeta = Encoding.UTF8.GetString(parts[0].Data);
            Assert.That(sentMeta, Is.EqualTo(file.Meta));
            Assert.That(parts[1].ContentType, Is.EqualTo("video/mp4"));

            // The signature covers exactly the meta string that went on the wire, custom field included.
            Assert.That(AuthorizationHeader.TryParse(seen.Header("Authorization"), out var auth, out _), Is.True);
            var signature = Convert.FromBase64String(auth!.Signature);
            bool SignedOver(string meta) => Fixtures.MerchantKey.Value.VerifyData(
                Encoding.UTF8.GetBytes($"POST\n/v3/merchant/media/video_upload\n{auth.Timestamp}\n{auth.Nonce}\n{meta}\n"),
                signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.That(SignedOver(sentMeta), Is.True, "the signature verifies over the meta that was sent");
            Assert.That(SignedOver(MediaFile.FromPath(path).Meta), Is.False, "and not over the meta without the custom field");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Uploads_from_a_stream_match_uploads_from_bytes()
        => Assert.That(MediaFile.FromStream(new MemoryStream(Png), "a.jpg").Meta, Is.EqualTo(MediaFile.FromBytes(Png, "a.jpg").Meta));

    [Test]
    public void Bad_media_is_refused_before_sending()
    {
        Assert.Throws<RequestOptionsException>(() => MediaFile.FromBytes(Png, "a\"b.png"));
        Assert.Throws<RequestOptionsException>(() => MediaFile.FromPath("/nonexistent/logo.png"));
        Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/merchant/media/upload", new { media = "logo.png" }));
        Assert.Throws<RequestOptionsException>(() => Client.Send(HttpMethod.Post, "v3/merchant/media/upload", new { media = MediaFile.FromBytes(Png, "a.png"), json = new { a = 1 } }));
        Assert.That(Stub.Seen, Is.Empty);
    }

    [Test]
    public void Meta_that_cannot_be_sent_as_given_is_refused_not_altered()
    {
        var loop = new SelfReferencing();
        loop.Self = loop;
        Assert.That(Assert.Throws<RequestOptionsException>(() => MediaFile.FromBytes(Png, "a.png", new { extra = loop }))!.Message, Does.Contain("media meta field 'extra'"));
        Assert.That(Assert.Throws<RequestOptionsException>(() => MediaFile.FromBytes(Png, "a" + (char)0xD800 + ".png"))!.Message, Does.Contain("not valid UTF-16"));
        Assert.That(Assert.Throws<RequestOptionsException>(() => MediaFile.FromBytes(Png, "a.png", new { note = "x" + (char)0xDC00 }))!.Message, Does.Contain("media meta holds a string that is not valid UTF-16"));
    }

    private sealed class SelfReferencing
    {
        public SelfReferencing? Self { get; set; }
    }
}
