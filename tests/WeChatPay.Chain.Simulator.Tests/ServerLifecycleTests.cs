namespace WeChatPay.Chain.Simulator.Tests;

public sealed class ServerLifecycleTests
{
    [Test]
    public void Starting_without_a_profile_directory_is_refused()
    {
        Assert.That(() => SimulatorServer.StartAsync(new SimulatorSettings()), Throws.ArgumentException.With.Message.Contains("ProfileDirectory"));
    }

    [Test]
    public void A_negative_retry_interval_is_refused()
    {
        var settings = new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, NotificationRetrySchedule = [TimeSpan.FromSeconds(-1)] };

        Assert.That(() => SimulatorServer.StartAsync(settings), Throws.ArgumentException.With.Message.Contains("NotificationRetrySchedule"));
    }

    [Test]
    public async Task A_taken_port_fails_the_start()
    {
        await using var first = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory });

        Assert.That(() => SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory, Port = first.BaseUri.Port }), Throws.InstanceOf<IOException>());
    }

    [Test]
    public async Task A_stopped_server_no_longer_answers_and_stopping_twice_is_harmless()
    {
        var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory });
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        await server.StopAsync();
        await server.DisposeAsync();

        Assert.That(() => http.GetAsync("/v3/certificates"), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task The_request_transcript_event_reports_method_target_status_and_code()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory });
        var seen = new List<SimulatorExchange>();
        server.RequestHandled += (_, exchange) => { lock (seen) seen.Add(exchange); };
        using var merchant = new MerchantRequests(server);

        await merchant.GetAsync("/v3/certificates");
        await merchant.GetAsync("/v3/certificates", parts => parts.MchId = "1");

        lock (seen)
        {
            Assert.That(seen.Select(e => (e.Method, e.Target, e.Status, e.ErrorCode)), Is.EqualTo(new[]
            {
                ("GET", "/v3/certificates", 200, (string?)null),
                ("GET", "/v3/certificates", 401, "SIGN_ERROR"),
            }));
            Assert.That(seen.Select(e => e.RequestId), Is.All.Not.Empty);
        }
    }

    [Test]
    public async Task Accepted_connections_count_each_tcp_connection_once_however_many_requests_it_carries()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorSettings { ProfileDirectory = SharedProfile.Directory });
        using var first = new HttpClient { BaseAddress = server.BaseUri };
        using var second = new HttpClient { BaseAddress = server.BaseUri };

        for (var i = 0; i < 3; i++) (await first.GetAsync("/v3/certificates")).Dispose();
        var afterOneClient = server.AcceptedConnections;
        (await second.GetAsync("/v3/certificates")).Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(afterOneClient, Is.EqualTo(1), "three requests in turn on one kept-alive connection");
            Assert.That(server.AcceptedConnections, Is.EqualTo(2), "a second client opens its own");
        });
    }
}
