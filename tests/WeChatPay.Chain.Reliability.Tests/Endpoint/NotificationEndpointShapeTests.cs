using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Newtonsoft.Json.Linq;
using WeChatPay.Chain.AspNetCore;
using WeChatPay.Chain.Reliability.Tests.Secrets;
using WeChatPay.Chain.Reliability.Tests.Support;
using WeChatPay.Chain.Simulator;
using WeChatPay.Chain.Tests.Shared;

namespace WeChatPay.Chain.Reliability.Tests.Endpoint;

/// <summary>
/// The ASP.NET Core endpoint answers a signed notification of the wrong shape with its own 400, not an unhandled 500,
/// and cannot be mapped for a client that could not decrypt one.
/// </summary>
public class NotificationEndpointShapeTests
{
    [TestCase("id")]
    [TestCase("event_type")]
    public async Task A_signed_notification_with_a_non_string_field_is_answered_400_fail(string field)
    {
        var profile = SimulatorProfile.Load(SharedProfile.Directory);
        using var platformKey = RSA.Create();
        platformKey.ImportFromPem(File.ReadAllText(Path.Combine(profile.Directory, "simulator", "platform_key.pem")));
        var options = profile.ToClientOptions(ClientOptions.DefaultBaseUri);
        using var client = new WeChatPayClient(options);
        var handled = 0;
        using var logs = new CapturedLogs();
        await using var endpoint = await NotificationEndpointHost.StartAsync(client, logs, (_, _, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        }, new NotificationEndpointOptions());
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        var answer = await HandMadeNotification.Create(profile, platformKey, change: n => n[field] = new JObject { ["a"] = 1 }).PostAsync(http, endpoint.NotifyUrl);

        Assert.That(answer, Does.StartWith("HTTP 400").And.Contain("\"code\":\"FAIL\""));
        Assert.That(handled, Is.Zero, "a malformed notification is not handed to the handler");
    }

    [Test]
    public async Task Mapping_an_endpoint_for_a_client_without_an_apiv3_key_fails_at_start_up()
    {
        var options = SimulatorProfile.Load(SharedProfile.Directory).ToClientOptions(ClientOptions.DefaultBaseUri);
        options.ApiV3Key = null;
        using var client = new WeChatPayClient(options);
        await using var app = WebApplication.CreateSlimBuilder().Build();

        var e = Assert.Throws<ConfigurationException>(() => app.MapWeChatPayNotifications("/notify", client, (_, _, _) => Task.CompletedTask))!;

        Assert.That(e.Message, Does.Contain("ApiV3Key is not set").And.Contain("ClientOptions.ApiV3Key"));
    }
}
