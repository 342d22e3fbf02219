using System.Net;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests;

public class ConcurrencyTests
{
    [Test]
    public async Task One_client_serves_many_threads_and_verifies_every_response()
    {
        using var stub = new StubHandler { Respond = seen => StubHandler.Signed(HttpStatusCode.OK, $"{{\"echo\":\"{seen.Target.Split('/')[^1]}\"}}") };
        using var client = new WeChatPayClient(Fixtures.Options(stub));
        dynamic wx = client.Root;
        var tasks = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            WeChatPayResponse r = i % 2 == 0
                ? await wx.V3.Echo._n_.GetAsync(new { n = i.ToString() })
                : wx["v3/echo/{n}"].Get(new { n = i.ToString() });
            return (i, echo: (string?)r.Json["echo"]);
        }));
        var results = await Task.WhenAll(tasks);
        Assert.That(results.Select(r => r.echo), Is.EqualTo(results.Select(r => r.i.ToString())));
        var nonces = stub.Seen.Select(s => s.Header("Authorization")!.Split("nonce_str=\"")[1][..32]).ToHashSet();
        Assert.That(nonces, Has.Count.EqualTo(400), "every request has its own nonce");
    }
}
