using System.Net;
using System.Net.Sockets;
using System.Text;
using WeChatPay.Chain.Tests.Support;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>WeChat Pay never redirects; a redirect must not lead the client to accept an answer it did not verify.</summary>
public class RedirectTests
{
    private static async Task RedirectToAnUnsignedPath(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        if (requestLine.Contains("/v3/billdownload/", StringComparison.Ordinal))
        {
            var body = Encoding.UTF8.GetBytes("{\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}");
            await RawHttpServer.WriteHeadAsync(socket, 200, [("Content-Type", "application/json"), ("Content-Length", body.Length.ToString()), ("Connection", "close")], cancellationToken);
            await socket.SendAsync(body, SocketFlags.None, cancellationToken);
            return;
        }
        await RawHttpServer.WriteHeadAsync(socket, 302, [("Location", "/v3/billdownload/file?token=forged"), ("Content-Length", "0"), ("Connection", "close")], cancellationToken);
    }

    [Test]
    public async Task A_redirect_to_an_unsigned_path_is_not_followed_into_an_unverified_answer()
    {
        await using var server = new RawHttpServer(RedirectToAnUnsignedPath);
        using var client = RawClients.For(server);

        var e = (await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Get, "v3/pay/transactions/out-trade-no/T1", new { query = new { mchid = "1900000001" } })))!;

        Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.Found), "the client's own transport hands the 302 back as it is");
        Assert.That(server.Requests, Is.EqualTo(1), "the redirect is not followed");
    }

    [Test]
    public async Task A_transport_of_the_callers_that_follows_the_redirect_still_gets_no_unverified_answer()
    {
        await using var server = new RawHttpServer(RedirectToAnUnsignedPath);
        using var following = new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = false };
        var options = Fixtures.Options(following);
        options.BaseUri = server.BaseUri;
        using var client = new WeChatPayClient(options);

        var e = (await Assert.ThrowsAsync<ResponseVerificationException>(() => client.SendAsync(HttpMethod.Get, "v3/pay/transactions/out-trade-no/T1", new { query = new { mchid = "1900000001" } })))!;

        Assert.That(server.Requests, Is.EqualTo(2), "this transport did follow the redirect to the unsigned path");
        Assert.That(e.Reason, Is.EqualTo(VerificationFailure.MissingHeader), "the answer is judged by the path asked for, which is signed");
    }
}
