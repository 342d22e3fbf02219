using System.Net.Sockets;
using System.Text;

namespace WeChatPay.Chain.Tests.Reliability;

/// <summary>
/// What a request's head looks like on the socket. The client names its headers to Flurl in lower case (Flurl lower-cases
/// every name it copies, twice a call, unless it already is); HTTP/1.1 must still carry the standard headers in their usual
/// case, and the ones WeChat Pay defines exactly as it spells them.
/// </summary>
public class WireHeadTests
{
    private static async Task AnswerServerError(string requestLine, Socket socket, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes("{\"code\":\"SYSTEM_ERROR\",\"message\":\"busy\"}");
        await RawHttpServer.WriteHeadAsync(socket, 500, [("Content-Type", "application/json"), ("Content-Length", body.Length.ToString()), ("Connection", "close")], cancellationToken);
        await socket.SendAsync(body, SocketFlags.None, cancellationToken);
    }

    [Test]
    public async Task Header_names_go_on_the_wire_in_their_usual_case()
    {
        await using var server = new RawHttpServer(AnswerServerError);
        using var client = RawClients.For(server);

        await Assert.ThrowsAsync<ApiException>(() => client.SendAsync(HttpMethod.Post, "v3/pay/transactions/native", new
        {
            json = new { mchid = "1900000001", amount = new { total = 1 } },
            headers = new Dictionary<string, string> { ["Wechatpay-Serial"] = "PUB_KEY_ID_0000000000000000000000000000" },
        }));

        var names = server.LastHead!.Split("\r\n").Skip(1).Where(line => line.Length > 0).Select(line => line[..line.IndexOf(':')]).ToList();
        Assert.That(names, Does.Contain("Authorization").And.Contain("Accept").And.Contain("User-Agent").And.Contain("Content-Type").And.Contain("Wechatpay-Serial"),
            string.Join(" | ", names));
        Assert.That(names.Where(name => name.Any(char.IsUpper) is false), Is.Empty, "no header name went out in lower case");
    }
}
