using System.Text;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

/// <summary>
/// Every "too large" message names the limit that governs its case, and its advice works when followed: against a
/// loopback server, sync and async.
/// </summary>
public class SizeAdviceTests
{
    [Test]
    public async Task An_answer_over_MaxResponseBodyBytes_says_to_raise_it_and_raising_it_lets_the_same_answer_through()
    {
        await using var server = await LoopbackServer.StartAsync();
        var json = new JObject { ["filler"] = new string('x', 5000) }.ToString(Newtonsoft.Json.Formatting.None);
        server.Answer = context => LoopbackServer.WriteSigned(context, 200, json);
        var options = Fixtures.OverHttp(server.BaseUri);
        options.MaxResponseBodyBytes = 4096;

        using (var small = new WeChatPayClient(options))
        {
            var async = (await Assert.ThrowsAsync<ResponseFormatException>(() => small.SendAsync(HttpMethod.Get, "v3/x")))!;
            var sync = Assert.Throws<ResponseFormatException>(() => small.Send(HttpMethod.Get, "v3/x"))!;
            foreach (var e in new[] { async, sync })
                Assert.That(e.Message, Does.Contain("is larger than MaxResponseBodyBytes (4096 bytes). Raise ClientOptions.MaxResponseBodyBytes"));
        }

        options.MaxResponseBodyBytes = 8192;
        using var raised = new WeChatPayClient(options);
        Assert.That((await raised.SendAsync(HttpMethod.Get, "v3/x")).Text, Is.EqualTo(json));
        Assert.That(raised.Send(HttpMethod.Get, "v3/x").Text, Is.EqualTo(json));
    }

    [Test]
    public async Task An_oversized_certificates_answer_names_its_own_fixed_cap_and_no_setting_that_would_not_help()
    {
        await using var server = await LoopbackServer.StartAsync();
        var huge = new JObject { ["data"] = new JArray(), ["filler"] = new string('x', 2 * 1024 * 1024) }.ToString(Newtonsoft.Json.Formatting.None);
        server.Answer = context => LoopbackServer.WriteSigned(context, 200, huge);
        var options = Fixtures.OverHttp(server.BaseUri);
        options.ApiV3Key = "0123456789abcdefABCDEF0123456789";
        options.MaxResponseBodyBytes = 64 * 1024 * 1024; // raising the general setting changes nothing here
        using var downloader = new PlatformCertificateDownloader(options);

        var async = (await Assert.ThrowsAsync<ResponseFormatException>(() => downloader.DownloadAsync()))!;
        var sync = Assert.Throws<ResponseFormatException>(() => downloader.Download())!;

        foreach (var e in new[] { async, sync })
        {
            Assert.That(e.Message, Does.Contain("is larger than 1048576 bytes, a fixed cap that no setting changes"));
            Assert.That(e.Message, Does.Contain("ClientOptions.MaxResponseBodyBytes does not apply to it").And.Not.Contain("Raise"));
        }
    }
}
